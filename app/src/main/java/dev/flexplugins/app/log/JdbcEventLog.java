package dev.flexplugins.app.log;

import dev.flexplugins.domain.command.StreamHeads;
import dev.flexplugins.projections.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, plus a read of exactly one batch of the log after a token: one query
 * (in a read transaction, or none for the feed's reader), where reading a stream keeps querying
 * until a batch comes back empty. The feed's reader uses it to take what has been committed, once
 * per wake-up. Rows are read into events here, each timestamp parsed once ({@link
 * #getTrackedEventData}).
 *
 * <p>A command that was decided on heads it did not read ({@link AppendExpectations}) has its event
 * written by one insert that checks them: nothing is written (and no global index drawn) unless
 * they still hold, and then the append fails as a duplicate or with {@link StreamHeads.Changed}.
 */
public final class JdbcEventLog extends JdbcEventStorageEngine {

    /** While {@link #readBatch} runs on a thread: each row's global index, by event identifier. */
    private final ThreadLocal<Map<String, Long>> reading = new ThreadLocal<>();

    // The engine's gap rule (Axon's defaults), set on its builder by the constructor and applied
    // to each row read by tokenAfter: at most this many gaps are tracked,
    static final int MAX_GAP_OFFSET = 10_000;
    // gaps below an event older than this are given up on,
    static final int GAP_TIMEOUT_MILLIS = 60_000;
    // and the log's first global index.
    static final long LOWEST_GLOBAL_INDEX = 1;

    public JdbcEventLog(JdbcEventStorageEngine.Builder builder) {
        super(
                builder.maxGapOffset(MAX_GAP_OFFSET)
                        .gapTimeout(GAP_TIMEOUT_MILLIS)
                        .lowestGlobalSequence(LOWEST_GLOBAL_INDEX));
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
        EventSchema schema = schema();
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String stored = resultSet.getString(schema.timestampColumn());
        // Parsed once, here, by hand: Axon parses the stored text with a general ISO-8601
        // formatter each time the row is asked for its timestamp (for the token's gap rule below,
        // and again when the event is upcast), which took 15% of the replay's reading thread.
        Instant timestamp = EventTimestamps.parse(stored);
        GenericDomainEventEntry<Object> entry =
                new GenericDomainEventEntry<Object>(
                        resultSet.getString(schema.typeColumn()),
                        eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                        resultSet.getLong(schema.sequenceNumberColumn()),
                        eventIdentifier,
                        stored,
                        resultSet.getString(schema.payloadTypeColumn()),
                        resultSet.getString(schema.payloadRevisionColumn()),
                        readPayload(resultSet, schema.payloadColumn()),
                        readPayload(resultSet, schema.metaDataColumn()));
        Map<String, Long> indexes = reading.get();
        if (indexes != null) {
            indexes.put(eventIdentifier, globalIndex);
        }
        return new TrackedDomainEventData<>(
                tokenAfter(previousToken, globalIndex, timestamp), entry) {
            @Override
            public Instant getTimestamp() {
                return timestamp;
            }
        };
    }

    /**
     * The token after reading the event at {@code globalIndex}, by the engine's gap rule: the
     * indexes skipped below it are gaps that a late commit may still fill, unless the event is
     * older than {@link #GAP_TIMEOUT_MILLIS} (then nothing below it is still in flight), and at
     * most {@link #MAX_GAP_OFFSET} of them are tracked.
     */
    private static GapAwareTrackingToken tokenAfter(
            GapAwareTrackingToken previous, long globalIndex, Instant timestamp) {
        boolean gapsMayFill =
                timestamp.isAfter(
                        GenericEventMessage.clock
                                .instant()
                                .minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        if (previous != null) {
            return previous.advanceTo(globalIndex, gapsMayFill ? MAX_GAP_OFFSET : 0);
        }
        SortedSet<Long> gaps = new TreeSet<>();
        if (gapsMayFill) {
            for (long i = Math.min(LOWEST_GLOBAL_INDEX, globalIndex); i < globalIndex; i++) {
                gaps.add(i);
            }
        }
        return GapAwareTrackingToken.newInstance(globalIndex, gaps);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<AppendExpectations.Expectation> expected = AppendExpectations.take();
        if (expected.isEmpty() || events.isEmpty()) {
            super.appendEvents(events, serializer);
            return;
        }
        if (expected.size() == 1
                && events.size() == 1
                && events.get(0) instanceof DomainEventMessage<?> event) {
            appendChecked(event, expected.get(0), serializer);
            return;
        }
        for (AppendExpectations.Expectation expectation : expected) {
            checkByReading(expectation);
        }
        super.appendEvents(events, serializer);
    }

    /** The event, inserted only if {@code expectation} holds; the same columns as Axon's insert. */
    private void appendChecked(
            DomainEventMessage<?> event,
            AppendExpectations.Expectation expectation,
            Serializer serializer) {
        EventSchema schema = schema();
        String sql =
                "INSERT INTO "
                        + schema.domainEventTable()
                        + " ("
                        + schema.domainEventFields()
                        + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE "
                        + lastSequence()
                        + " = ? AND NOT EXISTS (SELECT 1 FROM "
                        + schema.domainEventTable()
                        + " WHERE "
                        + schema.aggregateIdentifierColumn()
                        + " = ?)";
        int inserted;
        try (Connection connection = getConnection();
                PreparedStatement ps = connection.prepareStatement(sql)) {
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            ps.setString(1, event.getIdentifier());
            ps.setString(2, event.getAggregateIdentifier());
            ps.setLong(3, event.getSequenceNumber());
            ps.setString(4, event.getType());
            writeTimestamp(ps, 5, event.getTimestamp());
            ps.setString(6, payload.getType().getName());
            ps.setString(7, payload.getType().getRevision());
            ps.setBytes(8, payload.getData());
            ps.setBytes(9, metaData.getData());
            ps.setString(10, expectation.checked());
            ps.setLong(11, expectation.head());
            ps.setString(12, expectation.created());
            inserted = ps.executeUpdate();
        } catch (SQLException e) {
            handlePersistenceException(e, event);
            return;
        }
        if (inserted == 0) {
            checkByReading(expectation); // says why
            throw changed(expectation); // held by the time it was read: decided again
        }
    }

    /**
     * The heads read, in the command's transaction: with more than one event or expectation, before
     * the append; after a checked insert wrote nothing, to tell why. The checked resource moved on:
     * {@link StreamHeads.Changed} (the command is decided again). Still where it was, but the
     * created resource has events: the duplicate the event store's key would have refused, reported
     * as Axon reports that.
     */
    private void checkByReading(AppendExpectations.Expectation expectation) {
        // the same read as the command's own (on this engine's connection: the transaction's)
        Map<String, Long> heads =
                new JdbcStreamHeads(this::getConnection)
                        .last(expectation.checked(), expectation.created());
        Long checked = heads.get(expectation.checked());
        if (checked == null || checked != expectation.head()) {
            throw changed(expectation);
        }
        if (heads.containsKey(expectation.created())) {
            throw new AggregateStreamCreationException(
                    expectation.created() + " already has events: nothing was appended");
        }
    }

    /** A resource's last sequence number, the parameter its identifier; as Axon asks for it. */
    private String lastSequence() {
        EventSchema schema = schema();
        return "(SELECT MAX("
                + schema.sequenceNumberColumn()
                + ") FROM "
                + schema.domainEventTable()
                + " WHERE "
                + schema.aggregateIdentifierColumn()
                + " = ?)";
    }

    private static StreamHeads.Changed changed(AppendExpectations.Expectation expectation) {
        expectation.onFailure().run();
        return new StreamHeads.Changed(
                expectation.checked()
                        + " was not at "
                        + expectation.head()
                        + " when the event of "
                        + expectation.created()
                        + " was to be appended: nothing was appended");
    }
}
