package dev.flexplugins.app.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log's rows, read by {@link JdbcEventLog}, carry the tokens, timestamps and contents Axon's
 * own engine reads from them: gaps below recent events are tracked (a late commit may still fill
 * them), gaps below events older than the gap timeout are not, and at most the engine's maximum gap
 * offset of them are kept. (On Axon's default table and column names: the engine reads whatever its
 * schema names.)
 */
class TrackedRowsTest {
    private Connection connection;
    private Clock axonsClock;

    /**
     * Both engines judge a gap's age by Axon's clock ({@code GenericEventMessage.clock}); fixed for
     * the test, so rows that are "recent" stay recent however long the comparison takes (on a busy
     * machine it took 35 s once, and rows 30 s old crossed the 60 s gap timeout between the two
     * engines' reads).
     */
    @BeforeEach
    void open() throws SQLException {
        axonsClock = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        connection = DriverManager.getConnection("jdbc:h2:mem:tracked-rows;DB_CLOSE_DELAY=-1");
        try (Statement s = connection.createStatement()) {
            s.execute(
                    "CREATE TABLE DomainEventEntry (globalIndex BIGINT PRIMARY KEY,"
                            + " eventIdentifier VARCHAR(255) NOT NULL, aggregateIdentifier"
                            + " VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL, type"
                            + " VARCHAR(255), timeStamp VARCHAR(255) NOT NULL, payloadType"
                            + " VARCHAR(255) NOT NULL, payloadRevision VARCHAR(255), payload BLOB"
                            + " NOT NULL, metaData BLOB)");
        }
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
                index += JdbcEventLog.MAX_GAP_OFFSET + random.nextInt(100);
            }
            // the first third older than the gap timeout, then recent
            Instant at =
                    i < 1_000
                            ? now.minus(Duration.ofMinutes(10)).plusMillis(i)
                            : now.minusSeconds(30).plusMillis(i);
            insert(index, i, at, random.nextBoolean());
        }
        ConnectionProvider connections = () -> connection;
        JdbcEventLog ours = new JdbcEventLog(builder(connections));
        Axons axons = new Axons(builder(connections));

        // a first read from nothing, and reads that start from a token in the middle
        for (long start : new long[] {-1, 900, 1_200, 1_600}) {
            List<TrackedEventData<?>> mine = new ArrayList<>();
            List<TrackedEventData<?>> theirs = new ArrayList<>();
            GapAwareTrackingToken mineToken = null;
            GapAwareTrackingToken theirToken = null;
            try (PreparedStatement ps =
                            connection.prepareStatement(
                                    "SELECT * FROM DomainEventEntry WHERE globalIndex > ?"
                                            + " ORDER BY globalIndex");
                    ResultSet rs = bind(ps, start).executeQuery()) {
                while (rs.next()) {
                    TrackedEventData<?> a = ours.getTrackedEventData(rs, mineToken);
                    TrackedEventData<?> b = axons.read(rs, theirToken);
                    mineToken = (GapAwareTrackingToken) a.trackingToken();
                    theirToken = (GapAwareTrackingToken) b.trackingToken();
                    mine.add(a);
                    theirs.add(b);
                }
            }
            assertEquals(theirs.size(), mine.size());
            boolean sawGaps = false;
            for (int i = 0; i < mine.size(); i++) {
                TrackedDomainEventData<?> a = (TrackedDomainEventData<?>) mine.get(i);
                TrackedDomainEventData<?> b = (TrackedDomainEventData<?>) theirs.get(i);
                GapAwareTrackingToken at = (GapAwareTrackingToken) a.trackingToken();
                GapAwareTrackingToken bt = (GapAwareTrackingToken) b.trackingToken();
                // the gaps themselves: a token's equals ignores those below its truncation point
                assertEquals(bt.getIndex(), at.getIndex(), "index at row " + i);
                assertEquals(bt.getGaps(), at.getGaps(), "gaps at row " + i);
                sawGaps |= !at.getGaps().isEmpty();
                assertEquals(b.getTimestamp(), a.getTimestamp());
                assertEquals(b.getEventIdentifier(), a.getEventIdentifier());
                assertEquals(b.getAggregateIdentifier(), a.getAggregateIdentifier());
                assertEquals(b.getSequenceNumber(), a.getSequenceNumber());
                assertEquals(b.getType(), a.getType());
                assertEquals(b.getPayload().getType(), a.getPayload().getType());
                assertArrayEquals(
                        (byte[]) b.getPayload().getData(), (byte[]) a.getPayload().getData());
                assertArrayEquals(
                        (byte[]) b.getMetaData().getData(), (byte[]) a.getMetaData().getData());
            }
            assertTrue(sawGaps, "the recent events' gaps are tracked");
        }
    }

    private static PreparedStatement bind(PreparedStatement ps, long start) throws SQLException {
        ps.setLong(1, start);
        return ps;
    }

    private void insert(long index, int i, Instant at, boolean ownAggregate) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "INSERT INTO DomainEventEntry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String id = "event-" + i;
            ps.setLong(1, index);
            ps.setString(2, id);
            // an event that is its own aggregate (not a domain event) has no aggregate identifier
            ps.setString(3, ownAggregate ? id : "FV" + (i % 7));
            ps.setLong(4, i);
            ps.setString(5, "PluginVersionAggregate");
            ps.setString(6, DateTimeUtils.formatInstant(at));
            ps.setString(7, "dev.example.Event" + (i % 3));
            ps.setString(8, i % 2 == 0 ? null : "2");
            ps.setBytes(9, ("{\"n\":" + i + "}").getBytes());
            ps.setBytes(10, ("{\"m\":\"" + i + "\"}").getBytes());
            ps.executeUpdate();
        }
    }

    private static JdbcEventStorageEngine.Builder builder(ConnectionProvider connections) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .maxGapOffset(JdbcEventLog.MAX_GAP_OFFSET)
                .gapTimeout(JdbcEventLog.GAP_TIMEOUT_MILLIS)
                .lowestGlobalSequence(JdbcEventLog.LOWEST_GLOBAL_INDEX);
    }

    /** Axon's engine as it is, with its row reading opened to this test. */
    static final class Axons extends JdbcEventStorageEngine {
        Axons(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> read(ResultSet rs, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(rs, previous);
        }
    }
}
