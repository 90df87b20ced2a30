package dev.flexplugins.app.log;

import dev.flexplugins.projections.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, plus a read of exactly one batch of the log after a token: one query
 * (in one read transaction), where reading a stream keeps querying until a batch comes back empty.
 * The feed's reader uses it to take what has been committed, once per wake-up.
 */
public final class JdbcEventLog extends JdbcEventStorageEngine {

    /** While {@link #readBatch} runs on a thread: each row's global index, by event identifier. */
    private final ThreadLocal<Map<String, Long>> reading = new ThreadLocal<>();

    public JdbcEventLog(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * The events after {@code after} (null: from the start), at most {@link #batchSize()} of them
     * and fewer when fewer have been committed, upcast and with their payloads deserialized lazily.
     * Events that committed late below {@code after}'s index (its gaps) are included, as in a
     * stream. Each carries its own global index in its metadata ({@link Jdbc#GLOBAL_INDEX_HINT}),
     * as read from its row: the token cannot tell it for an event that filled a gap (its position
     * is the highest index read so far).
     */
    public List<TrackedEventMessage<?>> readBatch(TrackingToken after) {
        Map<String, Long> indexes = new HashMap<>();
        reading.set(indexes);
        List<? extends TrackedEventData<?>> rows;
        try {
            rows = fetchTrackedEvents(after, batchSize());
        } finally {
            reading.remove();
        }
        List<TrackedEventMessage<?>> events = new ArrayList<>(rows.size());
        try (Stream<? extends TrackedEventMessage<?>> upcast =
                EventUtils.upcastAndDeserializeTrackedEvents(
                        rows.stream(), getEventSerializer(), upcasterChain)) {
            upcast.forEach(
                    event -> {
                        Long index = indexes.get(event.getIdentifier());
                        events.add(index == null ? event : withIndex(event, index));
                    });
        }
        return events;
    }

    private static TrackedEventMessage<?> withIndex(TrackedEventMessage<?> event, long index) {
        Map<String, Long> hint = Map.of(Jdbc.GLOBAL_INDEX_HINT, index);
        if (event instanceof GenericTrackedDomainEventMessage<?> domain) {
            return domain.andMetaData(hint);
        }
        return event; // not a domain event: the feed looks its index up by its identifier
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(
            ResultSet resultSet, GapAwareTrackingToken previousToken) throws SQLException {
        TrackedEventData<?> row = super.getTrackedEventData(resultSet, previousToken);
        Map<String, Long> indexes = reading.get();
        if (indexes != null) {
            indexes.put(row.getEventIdentifier(), resultSet.getLong(schema().globalIndexColumn()));
        }
        return row;
    }
}
