package dev.flexplugins.projections.model;

import java.time.Instant;

/**
 * A plugin version in a configuration, with the plugin's and version's current names and archived
 * states. {@code listKey} keeps the order the configuration gave.
 */
public record ConfiguredPluginView(
        String accountSid,
        String configurationSid,
        String pluginSid,
        String pluginVersionSid,
        int phase,
        String pluginUrl,
        String uniqueName,
        String friendlyName,
        String description,
        boolean pluginArchived,
        String version,
        String changelog,
        boolean pluginVersionArchived,
        boolean requiresAuthorization,
        Instant dateCreated,
        long listKey)
        implements Owned {

    /**
     * The list key of the configuration's {@code ordinal}-th plugin (0 first). Lists are served
     * newest first, by descending list key, so descending keys keep the order the configuration
     * gave.
     */
    public static long listKey(int ordinal) {
        return -ordinal;
    }
}
