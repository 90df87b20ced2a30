package dev.flexplugins.eventstore;

import java.time.Instant;

/**
 * An event as the store holds it: its global index (the log's insertion order, with gaps where a
 * transaction rolled back; not commit order), the timestamp as stored (milliseconds, UTC) and
 * parsed, and the metadata bytes with the chain hash in them.
 */
public record StoredEvent(
        long globalIndex,
        String eventId,
        String stream,
        long sequence,
        String streamType,
        Instant timestamp,
        String storedTimestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata) {}
