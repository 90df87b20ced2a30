package dev.flexplugins.eventstore;

import java.time.Instant;
import java.util.Map;

/**
 * An event to append to stream {@code stream} at {@code sequence}: its payload already serialized,
 * its metadata as a map (the store adds the chain hash and writes it with the store's {@link
 * MetadataWriter}).
 */
public record NewEvent(
        String eventId,
        String stream,
        long sequence,
        String streamType,
        Instant timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        Map<String, ?> metadata) {}
