package dev.flexplugins.app.log;

import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.eventstore.Dialect;
import dev.flexplugins.eventstore.EventStore;
import dev.flexplugins.eventstore.StoredEvent;
import dev.flexplugins.projections.ViewSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log as {@link AxonEventStorage} reads it (through the event store's pages) carries the
 * tokens, timestamps and contents that Axon's own JDBC engine reads from the same rows: gaps below
 * recent events are tracked (a late commit may still fill them), gaps below events older than the
 * gap timeout are not, and at most the engine's maximum gap offset of them are kept. The tokens
 * already stored were made by Axon's engine; they must keep meaning the same.
 */
class TrackedRowsTest {
    private static final String URL = "jdbc:h2:mem:tracked-rows;DB_CLOSE_DELAY=-1";
    private Connection connection;
    private Clock axonsClock;

    /**
     * Both readers judge a gap's age by Axon's clock ({@code GenericEventMessage.clock}); fixed for
     * the test, so rows that are "recent" stay recent however long the comparison takes (on a busy
     * machine it took 35 s once, and rows 30 s old crossed the 60 s gap timeout between the two
     * reads).
     */
    @BeforeEach
    void open() throws SQLException {
        axonsClock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        connection = DriverManager.getConnection(URL);
        Flyway.configure()
                .dataSource(URL, "", "")
                .locations("classpath:db/migration/h2")
                .target("1")
                .load()
                .migrate();
    }

    @AfterEach
    void close() throws SQLException {
        GenericEventMessage.clock = axonsClock;
        try (Statement s = connection.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        connection.close();
    }

    @Test
    void tokensTimestampsAndContentsAreAxonsOwn() throws SQLException {
        Random random = new Random(20261130);
        Instant now = GenericEventMessage.clock.instant();
        long index = 0;
        for (int i = 0; i < 3_000; i++) {
            // mostly consecutive; some gaps, a few wider than the maximum gap offset
            index += random.nextInt(10) == 0 ? 1 + random.nextInt(50) : 1;
            if (i == 1_500 || i == 2_500) {
                index += AxonEventStorage.MAX_GAP_OFFSET + random.nextInt(100);
            }
            // the first third older than the gap timeout, then recent
            Instant at =
                    i < 1_000
                            ? now.minus(Duration.ofMinutes(10)).plusMillis(i)
                            : now.minusSeconds(30).plusMillis(i);
            insert(index, i, at);
        }
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        EventStore store =
                new EventStore(
                        () -> DriverManager.getConnection(URL),
                        m -> serializer.serialize(m, byte[].class).getData(),
                        Dialect.h2());
        AxonEventStorage ours =
                new AxonEventStorage(
                        store,
                        serializer,
                        NoOpEventUpcaster.INSTANCE,
                        97,
                        e -> {},
                        (stream, head) -> {});
        Axons axons = new Axons(builder(() -> DriverManager.getConnection(URL), serializer));

        // a first read from nothing, and reads that start from a token in the middle
        for (long start : new long[] {-1, 900, 1_200, 1_600}) {
            GapAwareTrackingToken from =
                    start < 0 ? null : GapAwareTrackingToken.newInstance(start, new TreeSet<>());
            List<TrackedEventMessage<?>> mine = ours.readEvents(from, false).collect(toList());
            List<StoredEvent> mineStored =
                    store.readLog(start < 0 ? 0 : start, List.of(), Integer.MAX_VALUE);
            List<TrackedEventData<?>> theirs = new ArrayList<>();
            GapAwareTrackingToken theirToken = from;
            try (PreparedStatement ps =
                            connection.prepareStatement(
                                    "SELECT * FROM domain_event_entry WHERE global_index > ?"
                                            + " ORDER BY global_index");
                    ResultSet rs = bind(ps, start).executeQuery()) {
                while (rs.next()) {
                    TrackedEventData<?> b = axons.read(rs, theirToken);
                    theirToken = (GapAwareTrackingToken) b.trackingToken();
                    theirs.add(b);
                }
            }
            assertEquals(theirs.size(), mine.size());
            assertEquals(theirs.size(), mineStored.size());
            boolean sawGaps = false;
            for (int i = 0; i < mine.size(); i++) {
                TrackedEventMessage<?> a = mine.get(i);
                StoredEvent stored = mineStored.get(i);
                TrackedDomainEventData<?> b = (TrackedDomainEventData<?>) theirs.get(i);
                GapAwareTrackingToken at = (GapAwareTrackingToken) a.trackingToken();
                GapAwareTrackingToken bt = (GapAwareTrackingToken) b.trackingToken();
                // the gaps themselves: a token's equals ignores those below its truncation point
                assertEquals(bt.getIndex(), at.getIndex(), "index at row " + i);
                assertEquals(bt.getGaps(), at.getGaps(), "gaps at row " + i);
                sawGaps |= !at.getGaps().isEmpty();
                assertEquals(b.getTimestamp(), a.getTimestamp());
                assertEquals(b.getEventIdentifier(), a.getIdentifier());
                DomainEventMessage<?> d = (DomainEventMessage<?>) a;
                assertEquals(b.getAggregateIdentifier(), d.getAggregateIdentifier());
                assertEquals(b.getSequenceNumber(), d.getSequenceNumber());
                assertEquals(b.getType(), d.getType());
                assertEquals(
                        ((Number) a.getMetaData().get(ViewSql.GLOBAL_INDEX_HINT)).longValue(),
                        stored.globalIndex());
                assertEquals(b.getEventIdentifier(), stored.eventId());
                assertEquals(b.getPayload().getType().getName(), stored.payloadType());
                assertEquals(b.getPayload().getType().getRevision(), stored.payloadRevision());
                assertArrayEquals((byte[]) b.getPayload().getData(), stored.payload());
                assertArrayEquals((byte[]) b.getMetaData().getData(), stored.metadata());
            }
            assertTrue(sawGaps, "the recent events' gaps are tracked");
        }
    }

    /**
     * A live reader on a log with many indexes that never filled (rolled-back appends): once they
     * are older than the gap timeout, a read drops them, as Axon's engine's own reads do, so the
     * token does not carry (and ask for again) thousands of gaps. And a late commit into a recent
     * gap is read next, with the same token as Axon's.
     */
    @Test
    void staleGapsAreDroppedAndALateCommitIsReadAsAxonsEngineReadsThem() throws SQLException {
        Instant start = GenericEventMessage.clock.instant();
        long index = 0;
        for (int i = 0; i < 400; i++) {
            index += 2; // every other index never fills: 400 gaps
            insert(index, i, start);
        }
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        AxonEventStorage ours = ours(serializer);
        Axons axons = new Axons(builder(() -> DriverManager.getConnection(URL), serializer));
        GapAwareTrackingToken mine = lastToken(ours.readEvents(null, false).collect(toList()));
        GapAwareTrackingToken theirs = null;
        for (List<? extends TrackedEventData<?>> page = axons.page(null, 100);
                !page.isEmpty();
                page = axons.page(theirs, 100)) {
            theirs = (GapAwareTrackingToken) page.get(page.size() - 1).trackingToken();
        }
        assertEquals(theirs.getGaps(), mine.getGaps());
        assertTrue(mine.getGaps().size() > AxonEventStorage.GAP_CLEANING_THRESHOLD);

        // two minutes on, new events arrive, one index left for a commit still in flight
        GenericEventMessage.clock = Clock.fixed(start.plusSeconds(120), ZoneOffset.UTC);
        insert(index + 1, 400, start.plusSeconds(120));
        insert(index + 3, 401, start.plusSeconds(120));
        List<TrackedEventMessage<?>> next = ours.readLog(mine, 100);
        List<? extends TrackedEventData<?>> axonsNext = axons.page(theirs, 100);
        assertEquals(2, next.size());
        assertEquals(axonsNext.size(), next.size());
        mine = lastToken(next);
        theirs = (GapAwareTrackingToken) axonsNext.get(axonsNext.size() - 1).trackingToken();
        assertEquals(theirs.getIndex(), mine.getIndex());
        assertEquals(theirs.getGaps(), mine.getGaps());
        assertEquals(
                List.of(index + 2), List.copyOf(mine.getGaps()), "only the recent gap is left");

        // the commit in flight lands in its gap: read next, and the gap is closed
        insert(index + 2, 402, start.plusSeconds(120));
        List<TrackedEventMessage<?>> late = ours.readLog(mine, 100);
        List<? extends TrackedEventData<?>> axonsLate = axons.page(theirs, 100);
        assertEquals(1, late.size());
        assertEquals(axonsLate.get(0).getEventIdentifier(), late.get(0).getIdentifier());
        assertEquals(
                ((GapAwareTrackingToken) axonsLate.get(0).trackingToken()).getGaps(),
                lastToken(late).getGaps());
        assertTrue(lastToken(late).getGaps().isEmpty());
    }

    private static GapAwareTrackingToken lastToken(List<TrackedEventMessage<?>> events) {
        return (GapAwareTrackingToken) events.get(events.size() - 1).trackingToken();
    }

    private AxonEventStorage ours(JacksonSerializer serializer) {
        EventStore store =
                new EventStore(
                        () -> DriverManager.getConnection(URL),
                        m -> serializer.serialize(m, byte[].class).getData(),
                        Dialect.h2());
        return new AxonEventStorage(
                store, serializer, NoOpEventUpcaster.INSTANCE, 100, e -> {}, (stream, head) -> {});
    }

    private static PreparedStatement bind(PreparedStatement ps, long start) throws SQLException {
        ps.setLong(1, start);
        return ps;
    }

    private void insert(long index, int i, Instant at) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "INSERT INTO domain_event_entry (global_index, event_identifier,"
                                + " aggregate_identifier, sequence_number, type, time_stamp,"
                                + " payload_type, payload_revision, payload, meta_data)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, index);
            ps.setString(2, "event-" + i);
            ps.setString(3, "FV" + (i % 7));
            ps.setLong(4, i);
            ps.setString(5, "PluginVersionAggregate");
            ps.setString(6, DateTimeUtils.formatInstant(at));
            ps.setString(7, "java.util.LinkedHashMap");
            ps.setString(8, i % 2 == 0 ? null : "2");
            ps.setBytes(9, ("{\"n\":" + i + "}").getBytes());
            ps.setBytes(10, ("{\"m\":\"" + i + "\"}").getBytes());
            ps.executeUpdate();
        }
    }

    private static JdbcEventStorageEngine.Builder builder(
            ConnectionProvider connections, JacksonSerializer serializer) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .schema(
                        EventSchema.builder()
                                .eventTable("domain_event_entry")
                                .globalIndexColumn("global_index")
                                .eventIdentifierColumn("event_identifier")
                                .aggregateIdentifierColumn("aggregate_identifier")
                                .sequenceNumberColumn("sequence_number")
                                .typeColumn("type")
                                .timestampColumn("time_stamp")
                                .payloadTypeColumn("payload_type")
                                .payloadRevisionColumn("payload_revision")
                                .payloadColumn("payload")
                                .metaDataColumn("meta_data")
                                .build())
                .maxGapOffset(AxonEventStorage.MAX_GAP_OFFSET)
                .gapTimeout(AxonEventStorage.GAP_TIMEOUT_MILLIS)
                .lowestGlobalSequence(AxonEventStorage.LOWEST_GLOBAL_INDEX);
    }

    /** Axon's engine as it is, with its row reading opened to this test: the reference. */
    static final class Axons extends JdbcEventStorageEngine {
        Axons(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> read(ResultSet rs, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(rs, previous);
        }

        List<? extends TrackedEventData<?>> page(TrackingToken after, int batchSize) {
            return fetchTrackedEvents(after, batchSize);
        }
    }
}
