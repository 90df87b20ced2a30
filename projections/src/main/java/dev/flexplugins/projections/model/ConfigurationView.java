package dev.flexplugins.projections.model;

import java.time.Instant;

/** A configuration as the views hold it. {@code listKey} orders lists (larger is newer). */
public record ConfigurationView(
        String sid,
        String accountSid,
        String name,
        String description,
        boolean archived,
        Instant dateCreated,
        long listKey)
        implements Owned {}
