package dev.flexplugins.projections;

import java.time.Instant;

/**
 * A plugin version in a configuration, with the plugin's and version's current names and archived
 * states. {@code listKey} keeps the order the configuration gave.
 */
public record ConfiguredPluginView(String accountSid, String configurationSid, String pluginSid,
                                   String pluginVersionSid, int phase, String pluginUrl, String uniqueName,
                                   String friendlyName, String description, boolean pluginArchived, String version,
                                   String changelog, boolean pluginVersionArchived, boolean privateBundle,
                                   Instant dateCreated, long listKey) implements Owned {
}
