package dev.flexplugins.eventstore;

import java.time.Instant;

/**
 * An event to give a feed position: its global index and what the feed is read by (the account, the
 * resource, the event's public type) and shows (when it occurred).
 */
public record FeedEntry(
        long globalIndex,
        String accountSid,
        String resourceSid,
        String eventType,
        Instant occurredAt) {}
