package dev.flexplugins.projections.model;

import java.time.Instant;

/** A release as the views hold it. The newest release is the active one. */
public record ReleaseView(
        String sid, String accountSid, String configurationSid, Instant dateCreated, long listKey)
        implements Owned {}
