package dev.flexplugins.domain.api;

import org.axonframework.serialization.Revision;

/**
 * The facts of the plugin catalogue. Released events are never edited: a new shape gets a new
 * revision and an upcaster. Who, when and through which facade are in each event's metadata ({@link
 * AuditMetadata}).
 */
public final class PluginEvents {
    private PluginEvents() {}

    public record PluginCreated(
            String pluginSid,
            String accountSid,
            String uniqueName,
            String friendlyName,
            String description) {}

    /** The plugin's friendly name and description after the update (both, changed or not). */
    public record PluginUpdated(
            String pluginSid, String accountSid, String friendlyName, String description) {}

    public record PluginArchived(String pluginSid, String accountSid) {}

    /**
     * Revision 2 names the flag for what it means, {@code requiresAuthorization} (the bundle needs
     * authorization to load; REST {@code private}). Revision 1 (stored without a revision, as
     * written until this change) called it {@code requiresAuthorization}; {@link
     * PluginVersionCreatedUpcaster} reads that form.
     */
    @Revision("2")
    public record PluginVersionCreated(
            String versionSid,
            String accountSid,
            String pluginSid,
            String version,
            String pluginUrl,
            String changelog,
            boolean requiresAuthorization,
            String cliVersion,
            String validateStatus,
            boolean validated) {}

    public record PluginVersionArchived(String versionSid, String accountSid, String pluginSid) {}
}
