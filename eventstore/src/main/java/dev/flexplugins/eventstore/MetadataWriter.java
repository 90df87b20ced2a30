package dev.flexplugins.eventstore;

import java.util.Map;

/**
 * Writes an event's metadata (chain hash included) as the bytes the store keeps; whoever reads the
 * events back reads them with the matching reader. The store itself reads only the chain hash, as
 * JSON.
 */
@FunctionalInterface
public interface MetadataWriter {
    byte[] write(Map<String, ?> metadata);
}
