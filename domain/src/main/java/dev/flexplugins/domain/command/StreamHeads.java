package dev.flexplugins.domain.command;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * The last sequence number of each of a few resources' event streams, read together (one query in
 * the command's transaction where the store allows it) so that a command that needs to know of two
 * resources pays for one read.
 */
public interface StreamHeads {
    /** The last sequence number of each of {@code aggregateIds} that has events; others absent. */
    Map<String, Long> last(String... aggregateIds);

    /**
     * Refuses to create {@code aggregateId} when {@code last} (read by {@link #last}) says it
     * already has events: what the event store's unique key would say, without the insert, which
     * would spend a global index (a gap the feed's tracking token carries) even when refused.
     */
    static void requireNew(Map<String, Long> last, String aggregateId, String resource) {
        if (last.containsKey(aggregateId)) {
            throw new AggregateStreamCreationException(
                    resource + " " + aggregateId + " already exists");
        }
    }

    /**
     * One {@code lastSequenceNumberFor} per resource: any event store (tests, the embedded
     * fixture).
     */
    static StreamHeads of(EventStore eventStore) {
        return aggregateIds -> {
            Map<String, Long> heads = new HashMap<>();
            for (String id : aggregateIds) {
                eventStore.lastSequenceNumberFor(id).ifPresent(last -> heads.put(id, last));
            }
            return heads;
        };
    }
}
