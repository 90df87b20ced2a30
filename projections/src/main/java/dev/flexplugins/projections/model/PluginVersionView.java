package dev.flexplugins.projections.model;

import java.time.Instant;

/** A plugin version as the views hold it. {@code listKey} orders lists (larger is newer). */
public record PluginVersionView(
        String sid,
        String accountSid,
        String pluginSid,
        String version,
        String pluginUrl,
        String changelog,
        boolean requiresAuthorization,
        boolean archived,
        boolean validated,
        String cliVersion,
        String validateStatus,
        Instant dateCreated,
        long listKey)
        implements Owned {}
