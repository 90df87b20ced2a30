package dev.flexplugins.app.log;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, plus a read of exactly one batch of the log after a token: one query
 * (in one read transaction), where reading a stream keeps querying until a batch comes back empty.
 * The feed's reader uses it to take what has been committed, once per wake-up.
 */
public final class JdbcEventLog extends JdbcEventStorageEngine {

    public JdbcEventLog(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * The events after {@code after} (null: from the start), at most {@link #batchSize()} of them
     * and fewer when fewer have been committed, upcast and with their payloads deserialized lazily.
     * Events that committed late below {@code after}'s index (its gaps) are included, as in a
     * stream.
     */
    public List<TrackedEventMessage<?>> readBatch(TrackingToken after) {
        try (Stream<? extends TrackedEventMessage<?>> events =
                EventUtils.upcastAndDeserializeTrackedEvents(
                        fetchTrackedEvents(after, batchSize()).stream(),
                        getEventSerializer(),
                        upcasterChain)) {
            return events.collect(Collectors.toList());
        }
    }
}
