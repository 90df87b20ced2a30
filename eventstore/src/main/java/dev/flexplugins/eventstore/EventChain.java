package dev.flexplugins.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper-evidence hash of an event: SHA-256 over the previous event's hash (of the same
 * resource) and this event's stored fields. It is kept in the event's metadata under {@link
 * #METADATA_KEY}; {@code verify} recomputes the chain from the stored rows, so an event edited,
 * removed or reordered in the database breaks it.
 */
public final class EventChain {
    public static final String METADATA_KEY = "chainHash";

    /** The "previous hash" of a resource's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private EventChain() {}

    /** The fields the hash covers, exactly as stored. */
    public record Stored(
            String eventIdentifier,
            String aggregateIdentifier,
            long sequenceNumber,
            String payloadType,
            String payloadRevision,
            Instant timestamp,
            byte[] payload,
            Map<String, ?> metadata) {}

    public static String hash(String previousHash, Stored event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, previousHash);
            update(sha, event.eventIdentifier());
            update(sha, event.aggregateIdentifier());
            update(sha, Long.toString(event.sequenceNumber()));
            update(sha, event.payloadType());
            update(sha, event.payloadRevision() == null ? "" : event.payloadRevision());
            // the store keeps milliseconds; hash what is kept
            update(sha, event.timestamp().truncatedTo(ChronoUnit.MILLIS).toString());
            sha.update(event.payload());
            sha.update((byte) 0);
            update(sha, canonicalMetadata(event.metadata()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Metadata without the hash itself, keys sorted, as JSON. */
    static String canonicalMetadata(Map<String, ?> metadata) {
        TreeMap<String, String> sorted = new TreeMap<>();
        metadata.forEach(
                (k, v) -> {
                    if (!METADATA_KEY.equals(k)) {
                        sorted.put(k, v == null ? null : v.toString());
                    }
                });
        try {
            return CANONICAL.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String value) {
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
