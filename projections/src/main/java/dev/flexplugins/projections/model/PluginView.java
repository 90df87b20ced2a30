package dev.flexplugins.projections.model;

import java.time.Instant;

/** A plugin as the views hold it. {@code listKey} orders lists (larger is newer). */
public record PluginView(
        String sid,
        String accountSid,
        String uniqueName,
        String friendlyName,
        String description,
        boolean archived,
        Instant dateCreated,
        Instant dateUpdated,
        long listKey)
        implements Owned {}
