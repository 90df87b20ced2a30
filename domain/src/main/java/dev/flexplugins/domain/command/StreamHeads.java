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
     * For a command that creates {@code created} after a check on {@code checked}: the heads of
     * both, as {@link #last} reads them. A store that checks heads in the append itself may answer
     * without reading, from the head it last read of {@code checked} and taking {@code created} to
     * have no events; the command states the head it was decided on in its event ({@link
     * dev.flexplugins.domain.api.DecidedOn}), and the event is written only if both still hold when
     * it is appended. Otherwise nothing is written, and the append fails as a duplicate would if
     * {@code created} has events, else with {@link Changed}, after which the store reads again (the
     * command's sender retries it).
     */
    default Map<String, Long> forCreation(String checked, String created) {
        return last(checked, created);
    }

    /**
     * The heads a command was decided on (see {@link #forCreation}) no longer held when its events
     * were to be appended: nothing was written, and the command may simply be sent again.
     */
    final class Changed extends RuntimeException {
        public Changed(String message) {
            super(message);
        }
    }

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
