package dev.flexplugins.projections.model;

import java.time.Instant;
import java.util.Map;

/**
 * One event as the log holds it, upcast to its current shape.
 *
 * @param position its place in the feed (commit order), or null if the sequencer has not reached it
 * @param globalIndex the event store's global index
 * @param sequence its number within its resource (0 for the creation)
 * @param resourceSid the resource (aggregate) it belongs to
 * @param type the public type name, e.g. {@code plugin_version.created}
 * @param occurredAt when it was recorded
 * @param metadata who, how and which request ({@code accountSid}, {@code actor}, ...)
 * @param payload the event itself
 */
public record LoggedEvent(
        Long position,
        long globalIndex,
        long sequence,
        String resourceSid,
        String type,
        Instant occurredAt,
        Map<String, ?> metadata,
        Object payload) {}
