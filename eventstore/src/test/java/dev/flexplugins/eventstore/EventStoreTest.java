package dev.flexplugins.eventstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event store's API on its own tables (this module's migrations): appends with expected heads,
 * stream and log reads, the feed's positions and reads, and the hash chain; on the database the
 * build tests against (H2, or with {@code -Dflex.test.db=postgres} a throw-away PostgreSQL
 * database: each {@link Dialect} is tested on its own database).
 */
class EventStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestDatabase db;
    private EventStore store;

    @BeforeEach
    void open() throws SQLException {
        db = TestDatabase.create();
        Dialect dialect;
        try (Connection c = db.connect()) {
            dialect = Dialect.of(c);
        }
        store = new EventStore(db::connect, EventStoreTest::json, dialect);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] json(Map<String, ?> metadata) {
        try {
            return JSON.writeValueAsBytes(metadata);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static NewEvent event(String stream, long sequence, String text) {
        return new NewEvent(
                UUID.randomUUID().toString(),
                stream,
                sequence,
                "Plugin",
                Instant.parse("2026-12-07T10:00:00.123456Z").plusSeconds(sequence),
                "dev.example.Happened",
                null,
                text.getBytes(StandardCharsets.UTF_8),
                Map.of("actor", "AC1"));
    }

    @Test
    void appendedEventsAreReadBackAsStoredWithTheirGlobalIndexes() {
        List<StoredEvent> first = store.append(List.of(event("PL1", 0, "a")), List.of());
        List<StoredEvent> more =
                store.append(List.of(event("PL1", 1, "b"), event("PL1", 2, "c")), List.of());
        assertEquals(1, first.size());
        assertEquals(2, more.size());
        assertTrue(first.get(0).globalIndex() < more.get(0).globalIndex());
        assertTrue(more.get(0).globalIndex() < more.get(1).globalIndex());

        List<StoredEvent> stream = store.readStream("PL1", 0);
        assertEquals(List.of(0L, 1L, 2L), stream.stream().map(StoredEvent::sequence).toList());
        assertEquals(first.get(0).globalIndex(), stream.get(0).globalIndex());
        assertArrayEquals("c".getBytes(StandardCharsets.UTF_8), stream.get(2).payload());
        // milliseconds, UTC, as stored
        assertEquals("2026-12-07T10:00:00.123Z", stream.get(0).storedTimestamp());
        assertEquals(Instant.parse("2026-12-07T10:00:00.123Z"), stream.get(0).timestamp());
        assertEquals(2, store.readStream("PL1", 1).size());
        assertEquals(
                List.of(0L, 1L),
                store.readStream("PL1", Instant.parse("2026-12-07T10:00:01.500Z")).stream()
                        .map(e -> e.event().sequence())
                        .toList());
        assertEquals(Map.of("PL1", 2L), store.heads(List.of("PL1", "PL2")));
        assertEquals(more.get(1).globalIndex(), store.lastGlobalIndex());
    }

    @Test
    void aTakenSequenceNumberIsAConflictAndWritesNothing() {
        store.append(List.of(event("PL1", 0, "a")), List.of());
        AppendConflict conflict =
                assertThrows(
                        AppendConflict.class,
                        () -> store.append(List.of(event("PL1", 0, "again")), List.of()));
        assertEquals(AppendConflict.Kind.DUPLICATE, conflict.kind());
        assertEquals("PL1", conflict.stream());
        assertEquals(0, conflict.sequence());
        assertEquals(1, store.readStream("PL1", 0).size());
    }

    @Test
    void anAppendWithExpectationsWritesOnlyWhileTheyHold() {
        store.append(List.of(event("PL1", 0, "plugin")), List.of());
        List<Expectation> decidedOn =
                List.of(Expectation.at("PL1", 0), Expectation.noEvents("FV1"));
        long before = store.lastGlobalIndex();
        StoredEvent created = store.append(List.of(event("FV1", 0, "version")), decidedOn).get(0);
        assertEquals(before + 1, created.globalIndex());

        // the version exists now: a duplicate, refused by the check, not by the unique key (which
        // would have drawn a global index on PostgreSQL: the next event would not follow directly)
        AppendConflict duplicate =
                assertThrows(
                        AppendConflict.class,
                        () -> store.append(List.of(event("FV1", 0, "twin")), decidedOn));
        assertEquals(AppendConflict.Kind.DUPLICATE, duplicate.kind());
        assertEquals("FV1", duplicate.stream());
        assertEquals(
                created.globalIndex() + 1,
                store.append(List.of(event("FV1", 1, "archived")), List.of()).get(0).globalIndex());

        // the plugin moves on: a version decided on its old head is refused
        store.append(List.of(event("PL1", 1, "archived")), List.of());
        long last = store.lastGlobalIndex();
        AppendConflict moved =
                assertThrows(
                        AppendConflict.class,
                        () ->
                                store.append(
                                        List.of(event("FV2", 0, "late")),
                                        List.of(
                                                Expectation.at("PL1", 0),
                                                Expectation.noEvents("FV2"))));
        assertEquals(AppendConflict.Kind.HEAD_MOVED, moved.kind());
        assertEquals("PL1", moved.stream());
        assertTrue(store.readStream("FV2", 0).isEmpty(), "nothing written");
        // a refused conditional insert draws no global index: the next event follows directly
        StoredEvent next = store.append(List.of(event("PL1", 2, "next")), List.of()).get(0);
        assertEquals(last + 1, next.globalIndex());

        // several events: the heads are read first, the same rule
        assertThrows(
                AppendConflict.class,
                () ->
                        store.append(
                                List.of(event("FV3", 0, "x"), event("FV3", 1, "y")),
                                List.of(Expectation.at("PL1", 0))));
        assertTrue(store.readStream("FV3", 0).isEmpty());
        assertEquals(
                2,
                store.append(
                                List.of(event("FV3", 0, "x"), event("FV3", 1, "y")),
                                List.of(Expectation.at("PL1", 2), Expectation.noEvents("FV3")))
                        .size());
    }

    @Test
    void theLogIsReadInPagesWithTheIndexesAReaderSkipped() {
        List<Long> indexes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            indexes.add(
                    store.append(List.of(event("PL" + i, 0, "e" + i)), List.of())
                            .get(0)
                            .globalIndex());
        }
        List<StoredEvent> page = store.readLog(0, List.of(), 4);
        assertEquals(indexes.subList(0, 4), page.stream().map(StoredEvent::globalIndex).toList());
        // a reader at the 6th event that skipped the 3rd and 5th (not committed when it passed)
        List<StoredEvent> resumed =
                store.readLog(indexes.get(5), List.of(indexes.get(2), indexes.get(4), 999_999L), 3);
        assertEquals(
                List.of(indexes.get(2), indexes.get(4), indexes.get(6)),
                resumed.stream().map(StoredEvent::globalIndex).toList());
        assertTrue(store.readLog(indexes.get(9), List.of(), 100).isEmpty());
    }

    @Test
    void theChainShowsAnEventEditedOrRemovedInTheDatabase() throws SQLException {
        for (int i = 0; i < 3; i++) {
            store.append(List.of(event("PL1", i, "e" + i)), List.of());
        }
        for (int i = 0; i < 3; i++) {
            store.append(List.of(event("PL2", i, "other" + i)), List.of());
        }
        List<String> problems = new ArrayList<>();
        assertEquals(6, store.checkChains(problems::add));
        assertEquals(List.of(), problems);

        try (Connection c = db.connect();
                PreparedStatement edit =
                        c.prepareStatement(
                                "UPDATE domain_event_entry SET payload = ?"
                                        + " WHERE aggregate_identifier = 'PL1' AND sequence_number = 1");
                Statement s = c.createStatement()) {
            edit.setBytes(1, "edited".getBytes(StandardCharsets.UTF_8));
            edit.executeUpdate();
            s.execute(
                    "DELETE FROM domain_event_entry"
                            + " WHERE aggregate_identifier = 'PL2' AND sequence_number = 1");
        }
        problems.clear();
        // PL1: events 0 and 2 still match; PL2: event 0 matches, event 2 follows a hole
        assertEquals(3, store.checkChains(problems::add));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("chain of PL1: event 1"), problems.toString());
        assertTrue(
                problems.get(1).contains("chain of PL2: event 1 is missing before event 2"),
                problems.toString());
        assertTrue(problems.get(2).contains("chain of PL2: event 2"), problems.toString());
    }

    private List<StoredEvent> created(String account, int n) {
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stored.addAll(store.append(List.of(event(account + "-R" + i, 0, "e" + i)), List.of()));
        }
        return stored;
    }

    private static FeedEntry entry(StoredEvent e, String account, String type) {
        return new FeedEntry(e.globalIndex(), account, e.stream(), type, e.timestamp());
    }

    @Test
    void theFeedGivesPositionsInTheOrderPagesArriveAndReadsThemByAccountResourceAndType() {
        List<StoredEvent> a = created("AC1", 3);
        List<StoredEvent> b = created("AC2", 2);
        assertEquals(5, store.checkFeed(p -> {}), "none positioned yet");
        // a page out of global-index order (a late commit): positions follow the page
        store.position(
                List.of(
                        entry(a.get(1), "AC1", "plugin.created"),
                        entry(a.get(0), "AC1", "plugin.created"),
                        entry(b.get(0), "AC2", "plugin.created")));
        store.position(
                List.of(
                        entry(a.get(2), "AC1", "plugin.archived"),
                        entry(b.get(1), "AC2", "plugin.created")));
        List<String> problems = new ArrayList<>();
        assertEquals(0, store.checkFeed(problems::add));
        assertEquals(List.of(), problems);

        List<PositionedEvent> ac1 =
                store.readFeed(new FeedQuery("AC1", null, null, null, null, 10));
        assertEquals(List.of(1L, 2L, 4L), ac1.stream().map(PositionedEvent::position).toList());
        assertEquals(
                List.of(a.get(1).eventId(), a.get(0).eventId(), a.get(2).eventId()),
                ac1.stream().map(e -> e.event().eventId()).toList());
        assertEquals(
                List.of(4L),
                store.readFeed(new FeedQuery("AC1", null, null, 2L, null, 10)).stream()
                        .map(PositionedEvent::position)
                        .toList());
        assertEquals(
                List.of(1L, 2L),
                store.readFeed(new FeedQuery("AC1", null, null, null, 4L, 10)).stream()
                        .map(PositionedEvent::position)
                        .toList());
        assertEquals(
                List.of(4L),
                store
                        .readFeed(new FeedQuery("AC1", null, "plugin.archived", null, null, 10))
                        .stream()
                        .map(PositionedEvent::position)
                        .toList());
        String resource = a.get(0).stream();
        assertEquals(
                1, store.readFeed(new FeedQuery("AC1", resource, null, null, null, 10)).size());
        assertTrue(
                store.readFeed(new FeedQuery("AC2", resource, null, null, null, 10)).isEmpty(),
                "another account's resource answers nothing");
        assertEquals(a.get(2).eventId(), store.readAt("AC1", 4).orElseThrow().event().eventId());
        assertTrue(store.readAt("AC2", 4).isEmpty());
        assertEquals(
                List.of(3L, 4L, 5L),
                store.readFeed(2, 10).stream().map(PositionedEvent::position).toList());

        store.append(List.of(event(resource, 1, "later")), List.of());
        List<PositionedEvent> history = store.readStream(resource, null);
        assertEquals(2, history.size());
        assertEquals(2L, history.get(0).position());
        assertEquals(null, history.get(1).position(), "not positioned yet");
    }

    @Test
    void theFeedsLagCountsTheEventsNotYetPositioned() throws SQLException {
        List<StoredEvent> a = created("AC1", 3);
        store.position(List.of(entry(a.get(0), "AC1", "plugin.created")));
        try (Connection c = db.connect()) {
            EventStore.FeedLag lag = EventStore.feedLag(c, 100);
            assertEquals(2, lag.events());
            assertEquals(a.get(1).timestamp(), lag.oldest());
            assertEquals(1, EventStore.feedLag(c, 1).events(), "counted up to the limit");
            assertEquals(Map.of("dev.example.Happened", 3L), EventStore.countsByPayloadType(c));
        }
        assertEquals(3, store.count());
    }
}
