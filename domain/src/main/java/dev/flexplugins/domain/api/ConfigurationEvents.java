package dev.flexplugins.domain.api;

import java.util.List;

/** The facts of configurations and releases. */
public final class ConfigurationEvents {
    private ConfigurationEvents() {}

    /** A plugin version as configured: its plugin, its SID, and its phase. */
    public record ConfiguredPlugin(String pluginSid, String pluginVersionSid, int phase) {}

    public record ConfigurationCreated(
            String configurationSid,
            String accountSid,
            String name,
            String description,
            List<ConfiguredPlugin> plugins) {}

    public record ConfigurationArchived(String configurationSid, String accountSid) {}

    public record ReleaseCreated(String releaseSid, String accountSid, String configurationSid) {}
}
