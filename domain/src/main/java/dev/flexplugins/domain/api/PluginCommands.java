package dev.flexplugins.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands on plugins and plugin versions. Each names the account it acts for: an aggregate of
 * another account answers as if it did not exist.
 */
public final class PluginCommands {
    private PluginCommands() {}

    /** Create a plugin; {@code pluginSid} is {@link Sids#plugin(String, String)}. */
    public record CreatePlugin(
            @TargetAggregateIdentifier String pluginSid,
            String accountSid,
            String uniqueName,
            String friendlyName,
            String description) {}

    /** Change a plugin's friendly name and/or description; a null field stays as it is. */
    public record UpdatePlugin(
            @TargetAggregateIdentifier String pluginSid,
            String accountSid,
            String friendlyName,
            String description) {}

    /** Archive a plugin. Archiving an archived plugin changes nothing. */
    public record ArchivePlugin(@TargetAggregateIdentifier String pluginSid, String accountSid) {}

    /**
     * Create a version of a plugin; {@code versionSid} is {@link Sids#pluginVersion(String,
     * String)}.
     */
    public record CreatePluginVersion(
            @TargetAggregateIdentifier String versionSid,
            String accountSid,
            String pluginSid,
            String version,
            String pluginUrl,
            String changelog,
            boolean requiresAuthorization,
            String cliVersion,
            String validateStatus) {}

    /** Archive a plugin version. Archiving an archived version changes nothing. */
    public record ArchivePluginVersion(
            @TargetAggregateIdentifier String versionSid, String accountSid) {}
}
