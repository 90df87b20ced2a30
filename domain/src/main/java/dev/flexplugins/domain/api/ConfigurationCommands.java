package dev.flexplugins.domain.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands on configurations (sets of plugin versions) and releases (active configurations).
 */
public final class ConfigurationCommands {
    private ConfigurationCommands() {}

    /** One plugin version in a configuration, with the phase the Flex UI loads it in. */
    public record PluginEntry(String pluginVersionSid, Integer phase) {}

    /** Create a configuration; {@code configurationSid} is a fresh random {@code FJ} SID. */
    public record CreateConfiguration(
            @TargetAggregateIdentifier String configurationSid,
            String accountSid,
            String name,
            String description,
            List<PluginEntry> plugins) {}

    /** Archive a configuration. Archiving twice changes nothing. */
    public record ArchiveConfiguration(
            @TargetAggregateIdentifier String configurationSid, String accountSid) {}

    /** Release a configuration: it becomes the account's active one. */
    public record CreateRelease(
            @TargetAggregateIdentifier String releaseSid,
            String accountSid,
            String configurationSid) {}
}
