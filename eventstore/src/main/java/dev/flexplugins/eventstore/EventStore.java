package dev.flexplugins.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The event store: streams of events (one per resource, numbered from 0) in one log ({@code
 * domain_event_entry}, tables created by this module's migrations). Everything that writes or reads
 * the log goes through here:
 *
 * <ul>
 *   <li>{@link #append}: events at the next sequence numbers of their streams, each with its chain
 *       hash, only if the caller's {@link Expectation}s hold; answers each event's global index;
 *   <li>{@link #readStream}: one stream in sequence order (optionally up to an instant);
 *   <li>{@link #readLog}: the whole log after a global index, in pages, with the indexes a reader
 *       skipped earlier (gaps a late commit may have filled since);
 *   <li>{@link #heads}: streams' last sequence numbers;
 *   <li>{@link #checkChains}: recomputes every stream's hash chain from the stored rows.
 * </ul>
 *
 * The same SQL runs on PostgreSQL and H2, but for what {@link Dialect} holds (writing a page of
 * feed positions, holding appends for a replay's swap); the migrations differ in column types.
 *
 * <p>Every connection comes from {@link Connections}: inside the caller's transaction, an append of
 * several events and the views written with it commit together; outside one, each statement commits
 * on its own.
 */
public final class EventStore {
    private static final String COLUMNS =
            "event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data";
    private static final String SELECT =
            "SELECT global_index, " + COLUMNS + " FROM domain_event_entry";
    private static final String INSERT =
            "INSERT INTO domain_event_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String[] GLOBAL_INDEX = {"global_index"};
    private static final String DUPLICATE_KEY = "23505";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connections connections;
    private final MetadataWriter metadataWriter;
    private final Dialect dialect;

    public EventStore(Connections connections, MetadataWriter metadataWriter, Dialect dialect) {
        this.connections = connections;
        this.metadataWriter = metadataWriter;
        this.dialect = dialect;
    }

    // --- append --------------------------------------------------------------------------------

    /**
     * Appends {@code events} (in order) if every one of {@code expected} holds, and answers them as
     * stored, with their global indexes. With one event and expectations, the check is part of the
     * insert (one statement, and no global index is drawn when it fails); otherwise the heads are
     * read first, in the caller's transaction.
     *
     * @throws AppendConflict when an expectation does not hold or a sequence number is taken;
     *     nothing was written by this call
     */
    public List<StoredEvent> append(List<NewEvent> events, List<Expectation> expected) {
        if (events.isEmpty()) {
            return List.of();
        }
        try (Connection c = connections.get()) {
            List<Row> rows = chained(c, events);
            if (!expected.isEmpty() && rows.size() == 1) {
                StoredEvent stored = insertIf(c, rows.get(0), expected);
                if (stored == null) {
                    check(c, expected); // says which expectation failed
                    throw AppendConflict.movedMeanwhile(
                            expected.get(0).stream(), expected.get(0).head());
                }
                return List.of(stored);
            }
            check(c, expected);
            List<StoredEvent> stored = new ArrayList<>(rows.size());
            for (Row row : rows) {
                stored.add(insert(c, row));
            }
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot append to the event store: " + e.getMessage(), e);
        }
    }

    /** An event ready to insert: with its chain hash in its metadata, written. */
    private record Row(NewEvent event, String timestamp, byte[] metadata) {}

    private List<Row> chained(Connection c, List<NewEvent> events) throws SQLException {
        Map<String, String> lastHash = new HashMap<>();
        List<Row> rows = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            String previous = lastHash.get(e.stream());
            if (previous == null) {
                previous =
                        e.sequence() == 0
                                ? EventChain.GENESIS
                                : storedHash(c, e.stream(), e.sequence() - 1);
            }
            String timestamp = EventTimestamps.format(e.timestamp());
            String hash =
                    EventChain.hash(
                            previous,
                            new EventChain.Stored(
                                    e.eventId(),
                                    e.stream(),
                                    e.sequence(),
                                    e.payloadType(),
                                    e.payloadRevision(),
                                    e.timestamp(),
                                    e.payload(),
                                    e.metadata()));
            lastHash.put(e.stream(), hash);
            Map<String, Object> metadata = new LinkedHashMap<>(e.metadata());
            metadata.put(EventChain.METADATA_KEY, hash);
            rows.add(new Row(e, timestamp, metadataWriter.write(metadata)));
        }
        return rows;
    }

    private static String storedHash(Connection c, String stream, long sequence)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT meta_data FROM domain_event_entry"
                                + " WHERE aggregate_identifier = ? AND sequence_number = ?")) {
            ps.setString(1, stream);
            ps.setLong(2, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return EventChain.GENESIS;
                }
                JsonNode hash = JSON.readTree(rs.getBytes(1)).get(EventChain.METADATA_KEY);
                return hash == null ? EventChain.GENESIS : hash.asText();
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the previous event's hash: " + e.getMessage(), e);
        }
    }

    private static StoredEvent insert(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT, GLOBAL_INDEX)) {
            bind(ps, row);
            ps.executeUpdate();
            return stored(ps, row);
        } catch (SQLException e) {
            throw duplicateOr(e, row);
        }
    }

    /**
     * The event inserted in one statement that also checks {@code expected}: {@code INSERT ...
     * SELECT ... WHERE} each stream's head is as expected. Null when one was not (nothing written).
     */
    private static StoredEvent insertIf(Connection c, Row row, List<Expectation> expected)
            throws SQLException {
        StringBuilder sql =
                new StringBuilder("INSERT INTO domain_event_entry (")
                        .append(COLUMNS)
                        .append(") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ");
        for (int i = 0; i < expected.size(); i++) {
            sql.append(i == 0 ? "" : " AND ")
                    .append(
                            expected.get(i).head() == Expectation.NO_EVENTS
                                    ? "NOT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)"
                                    : "(SELECT MAX(sequence_number) FROM domain_event_entry"
                                            + " WHERE aggregate_identifier = ?) = ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString(), GLOBAL_INDEX)) {
            int p = bind(ps, row);
            for (Expectation e : expected) {
                ps.setString(++p, e.stream());
                if (e.head() != Expectation.NO_EVENTS) {
                    ps.setLong(++p, e.head());
                }
            }
            if (ps.executeUpdate() == 0) {
                return null;
            }
            return stored(ps, row);
        } catch (SQLException e) {
            throw duplicateOr(e, row);
        }
    }

    /** Binds the row's nine columns; answers the last parameter index used. */
    private static int bind(PreparedStatement ps, Row row) throws SQLException {
        NewEvent e = row.event();
        ps.setString(1, e.eventId());
        ps.setString(2, e.stream());
        ps.setLong(3, e.sequence());
        ps.setString(4, e.streamType());
        ps.setString(5, row.timestamp());
        ps.setString(6, e.payloadType());
        ps.setString(7, e.payloadRevision());
        ps.setBytes(8, e.payload());
        ps.setBytes(9, row.metadata());
        return 9;
    }

    private static StoredEvent stored(PreparedStatement ps, Row row) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the event store's insert returned no global index");
            }
            NewEvent e = row.event();
            return new StoredEvent(
                    keys.getLong(1),
                    e.eventId(),
                    e.stream(),
                    e.sequence(),
                    e.streamType(),
                    EventTimestamps.parse(row.timestamp()),
                    row.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    row.metadata());
        }
    }

    private static SQLException duplicateOr(SQLException e, Row row) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (DUPLICATE_KEY.equals(s.getSQLState())) {
                throw AppendConflict.duplicate(row.event().stream(), row.event().sequence(), e);
            }
        }
        return e;
    }

    /** Reads the streams' heads and throws for the first expectation that does not hold. */
    private void check(Connection c, List<Expectation> expected) throws SQLException {
        if (expected.isEmpty()) {
            return;
        }
        Map<String, Long> heads = heads(c, expected.stream().map(Expectation::stream).toList());
        for (Expectation e : expected) {
            Long head = heads.get(e.stream());
            if (e.head() == Expectation.NO_EVENTS) {
                if (head != null) {
                    throw AppendConflict.duplicate(e.stream(), 0, null);
                }
            } else if (head == null || head != e.head()) {
                throw AppendConflict.headMoved(e.stream(), e.head(), head);
            }
        }
    }

    // --- reads ---------------------------------------------------------------------------------

    /**
     * The last sequence number of each of {@code streams} that has events (others absent), in one
     * query: one scalar subquery per stream, which the unique index on (stream, sequence) answers
     * from its last entry. (An {@code IN} list with {@code GROUP BY} was planned once while the
     * table was small, and that cached plan then read the whole table for every command.)
     */
    public Map<String, Long> heads(Collection<String> streams) {
        try (Connection c = connections.get()) {
            return heads(c, List.copyOf(streams));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the streams' last sequence numbers: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> heads(Connection c, List<String> streams) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < streams.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append(
                            "(SELECT MAX(sequence_number) FROM domain_event_entry"
                                    + " WHERE aggregate_identifier = ?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < streams.size(); i++) {
                ps.setString(i + 1, streams.get(i));
            }
            Map<String, Long> heads = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < streams.size(); i++) {
                    long last = rs.getLong(i + 1);
                    if (!rs.wasNull()) {
                        heads.put(streams.get(i), last);
                    }
                }
            }
            return heads;
        }
    }

    /** Stream {@code stream} from {@code fromSequence} on, in sequence order. */
    public List<StoredEvent> readStream(String stream, long fromSequence) {
        return query(
                SELECT
                        + " WHERE aggregate_identifier = ? AND sequence_number >= ? ORDER BY sequence_number",
                stream,
                fromSequence);
    }

    /**
     * One page of the log in global-index order: the events above {@code after} (at most {@code
     * limit} of them) and those at {@code skipped}, indexes a reader passed earlier before they
     * were committed. Global indexes are drawn at insert, so a transaction that commits late leaves
     * an index below ones already read; the reader keeps such gaps and asks for them again.
     */
    public List<StoredEvent> readLog(long after, Collection<Long> skipped, int limit) {
        List<StoredEvent> above =
                query(
                        SELECT + " WHERE global_index > ? ORDER BY global_index LIMIT " + limit,
                        after);
        if (skipped.isEmpty()) {
            return above;
        }
        StringBuilder in = new StringBuilder(SELECT + " WHERE global_index IN (");
        int n = 0;
        for (Long ignored : skipped) {
            in.append(n++ == 0 ? "?" : ", ?");
        }
        List<StoredEvent> filled =
                query(in.append(") ORDER BY global_index").toString(), skipped.toArray());
        if (filled.isEmpty()) {
            return above;
        }
        List<StoredEvent> page = new ArrayList<>(filled.size() + above.size());
        page.addAll(filled); // every skipped index is below every index above {@code after}
        page.addAll(above);
        return page.size() > limit ? page.subList(0, limit) : page;
    }

    /** An event's global index and when it was recorded. */
    public record Recorded(long globalIndex, Instant timestamp) {}

    /**
     * The global indexes from {@code from} to {@code to} (inclusive) that hold events, in order,
     * each with its time: what a reader needs to tell which of the indexes it skipped can still be
     * filled by a late commit (those below an event older than any transaction can take cannot).
     */
    public List<Recorded> recorded(long from, long to) {
        return select(
                "SELECT global_index, time_stamp FROM domain_event_entry"
                        + " WHERE global_index >= ? AND global_index <= ? ORDER BY global_index",
                rs -> new Recorded(rs.getLong(1), EventTimestamps.parse(rs.getString(2))),
                from,
                to);
    }

    /** The log's highest global index, or 0 when it is empty. */
    public long lastGlobalIndex() {
        return select(
                        "SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry",
                        rs -> rs.getLong(1))
                .get(0);
    }

    private List<StoredEvent> query(String sql, Object... args) {
        return select(sql, EventStore::row, args);
    }

    /** A row of a query, as a value. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row {@code sql} answers, read by {@code reader}. */
    private <T> List<T> select(String sql, RowReader<T> reader, Object... args) {
        try (Connection c = connections.get();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event log: " + e.getMessage(), e);
        }
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        return row(rs, 0);
    }

    /** The event whose {@link #SELECT} columns start after column {@code skip}. */
    private static StoredEvent row(ResultSet rs, int skip) throws SQLException {
        String timestamp = rs.getString(skip + 6);
        return new StoredEvent(
                rs.getLong(skip + 1),
                rs.getString(skip + 2),
                rs.getString(skip + 3),
                rs.getLong(skip + 4),
                rs.getString(skip + 5),
                // parsed once, here, by hand: a general ISO-8601 formatter per row took 15% of
                // the replay's reading thread
                EventTimestamps.parse(timestamp),
                timestamp,
                rs.getString(skip + 7),
                rs.getString(skip + 8),
                rs.getBytes(skip + 9),
                rs.getBytes(skip + 10));
    }

    /** How many events the log holds. */
    public long count() {
        return select("SELECT COUNT(*) FROM domain_event_entry", rs -> rs.getLong(1)).get(0);
    }

    /**
     * How many events of each stored payload type (class name) the log holds, read on {@code c}.
     */
    public static Map<String, Long> countsByPayloadType(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT payload_type, COUNT(*) FROM domain_event_entry GROUP BY payload_type");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        }
    }

    // --- the feed: positions in commit order ---------------------------------------------------

    private static final String POSITIONED =
            "SELECT f.position, f.account_sid, e.global_index, e."
                    + COLUMNS.replace(", ", ", e.")
                    + " FROM event_feed f JOIN domain_event_entry e ON e.global_index = f.global_index";

    /**
     * Gives {@code entries} the positions after the last one, in their order (the feed's sequencer,
     * one node at a time, in its transaction with its token): positions follow the order in which
     * events became visible, so a reader that resumes after a position misses nothing that commits
     * later and sees nothing twice.
     */
    public void position(List<FeedEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = connections.get()) {
            dialect.position(c, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write feed positions: " + e.getMessage(), e);
        }
    }

    /** A page of the feed in position order (see {@link FeedQuery}). */
    public List<PositionedEvent> readFeed(FeedQuery q) {
        // One resource: by its own index, the owner checked on the rows (a generic plan could
        // otherwise walk the account's index). The whole feed: by the account's index.
        StringBuilder sql = new StringBuilder(POSITIONED).append(" WHERE ");
        List<Object> args = new ArrayList<>();
        if (q.resourceSid() != null) {
            sql.append("f.resource_sid = ?");
            args.add(q.resourceSid());
        } else {
            sql.append("f.account_sid = ?");
            args.add(q.accountSid());
        }
        if (q.type() != null) {
            sql.append(" AND f.event_type = ?");
            args.add(q.type());
        }
        boolean backwards = q.before() != null;
        if (backwards) {
            sql.append(" AND f.position < ?");
            args.add(q.before());
        } else if (q.after() != null) {
            sql.append(" AND f.position > ?");
            args.add(q.after());
        }
        sql.append(" ORDER BY f.position ")
                .append(backwards ? "DESC" : "ASC")
                .append(" LIMIT ")
                .append(q.limit());
        List<PositionedEvent> events = positioned(sql.toString(), args.toArray());
        if (q.resourceSid() != null
                && events.stream().anyMatch(e -> !q.accountSid().equals(e.accountSid()))) {
            return new ArrayList<>();
        }
        if (backwards) {
            java.util.Collections.reverse(events);
        }
        return events;
    }

    /** Every account's events after position {@code after}, in position order (export). */
    public List<PositionedEvent> readFeed(long after, int limit) {
        return positioned(
                POSITIONED + " WHERE f.position > ? ORDER BY f.position LIMIT " + limit, after);
    }

    /** The account's event at {@code position}, if there is one. */
    public java.util.Optional<PositionedEvent> readAt(String accountSid, long position) {
        return positioned(POSITIONED + " WHERE f.position = ?", position).stream()
                .filter(e -> accountSid.equals(e.accountSid()))
                .findFirst();
    }

    /**
     * Stream {@code stream}'s events recorded up to {@code asOf} (time travel; null: all), in
     * sequence order, each with its feed position if it has one.
     */
    public List<PositionedEvent> readStream(String stream, Instant asOf) {
        List<PositionedEvent> events = readStreamPositioned(stream);
        return asOf == null
                ? events
                : events.stream().filter(e -> !e.event().timestamp().isAfter(asOf)).toList();
    }

    private List<PositionedEvent> readStreamPositioned(String stream) {
        return positioned(
                "SELECT f.position, f.account_sid, e.global_index, e."
                        + COLUMNS.replace(", ", ", e.")
                        + " FROM domain_event_entry e LEFT JOIN event_feed f ON f.global_index = e.global_index"
                        + " WHERE e.aggregate_identifier = ? ORDER BY e.sequence_number",
                stream);
    }

    private List<PositionedEvent> positioned(String sql, Object... args) {
        return select(
                sql,
                rs -> {
                    long position = rs.getLong(1);
                    Long at = rs.wasNull() ? null : position;
                    return new PositionedEvent(at, rs.getString(2), row(rs, 2));
                },
                args);
    }

    /**
     * Events the feed has not positioned yet: how many (at most {@code limit}), the oldest's time.
     */
    public record FeedLag(long events, Instant oldest) {}

    /**
     * Events in the log after the last one the feed has positioned, counted up to {@code limit}
     * (the first ones by global index: at most that many index entries are read however far the
     * feed has fallen behind), on {@code c} (the database monitor's own connection).
     */
    public static FeedLag feedLag(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT COUNT(*), MIN(lag.time_stamp) FROM (SELECT e.time_stamp FROM domain_event_entry e"
                                + " WHERE e.global_index > (SELECT COALESCE(MAX(f.global_index), 0) FROM event_feed f)"
                                + " ORDER BY e.global_index LIMIT ?) lag")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long events = rs.getLong(1);
                String oldest = rs.getString(2);
                Instant at = null;
                if (oldest != null) {
                    try {
                        at = EventTimestamps.parse(oldest);
                    } catch (java.time.DateTimeException ignored) {
                        // a stored time in another format: the count still tells the lag
                    }
                }
                return new FeedLag(events, at);
            }
        }
    }

    /**
     * Checks the feed against the log: every position points at an event of the resource it names.
     * Tells {@code problems} of each one that does not; answers how many events have no position
     * yet (the sequencer positions them within moments).
     */
    public long checkFeed(Consumer<String> problems) {
        try (Connection c = connections.get()) {
            try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT f.position, f.global_index, f.resource_sid, e.aggregate_identifier FROM event_feed f"
                                            + " LEFT JOIN domain_event_entry e ON e.global_index = f.global_index"
                                            + " WHERE e.global_index IS NULL OR e.aggregate_identifier <> f.resource_sid");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.accept(
                            rs.getString(4) == null
                                    ? String.format(
                                            "feed position %d points at event %d of %s, which the log no longer has (removed)",
                                            rs.getLong(1), rs.getLong(2), rs.getString(3))
                                    : String.format(
                                            "feed position %d says %s, the event belongs to %s",
                                            rs.getLong(1), rs.getString(3), rs.getString(4)));
                }
            }
            try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT COUNT(*) FROM domain_event_entry e WHERE NOT EXISTS"
                                            + " (SELECT 1 FROM event_feed f WHERE f.global_index = e.global_index)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event log: " + e.getMessage(), e);
        }
    }

    /**
     * Makes every other transaction that appends wait until {@code c}'s transaction ends (replay's
     * final catch-up and table swap); see {@link Dialect#holdAppends}.
     */
    public String holdAppends(Connection c) throws SQLException {
        return dialect.holdAppends(c);
    }

    // --- the hash chain ------------------------------------------------------------------------

    /**
     * Recomputes every stream's hash chain from the stored rows, streaming them in (stream,
     * sequence) order, and tells {@code problems} of each missing event, missing hash or hash that
     * does not match (an event edited, removed or reordered in the database). Answers how many
     * events matched their hash.
     */
    public long checkChains(Consumer<String> problems) {
        long chained = 0;
        String stream = null;
        long expectedSequence = 0;
        String previousHash = EventChain.GENESIS;
        try (Connection c = connections.get();
                PreparedStatement ps =
                        c.prepareStatement(
                                SELECT + " ORDER BY aggregate_identifier, sequence_number")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEvent e = row(rs);
                    if (!e.stream().equals(stream)) {
                        stream = e.stream();
                        expectedSequence = 0;
                        previousHash = EventChain.GENESIS;
                    }
                    if (e.sequence() != expectedSequence) {
                        problems.accept(
                                String.format(
                                        "chain of %s: event %d is missing before event %d (removed, or renumbered)",
                                        stream, expectedSequence, e.sequence()));
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> metadata = JSON.readValue(e.metadata(), Map.class);
                    Object stored = metadata.get(EventChain.METADATA_KEY);
                    String computed =
                            EventChain.hash(
                                    previousHash,
                                    new EventChain.Stored(
                                            e.eventId(),
                                            e.stream(),
                                            e.sequence(),
                                            e.payloadType(),
                                            e.payloadRevision(),
                                            e.timestamp(),
                                            e.payload(),
                                            metadata));
                    if (stored == null) {
                        problems.accept(
                                String.format(
                                        "chain of %s: event %d (global index %d) has no chain hash",
                                        stream, e.sequence(), e.globalIndex()));
                    } else if (!computed.equals(stored)) {
                        problems.accept(
                                String.format(
                                        "chain of %s: event %d (global index %d) does not match its hash: edited or"
                                                + " reordered in the database",
                                        stream, e.sequence(), e.globalIndex()));
                    } else {
                        chained++;
                    }
                    previousHash = stored == null ? computed : stored.toString();
                    expectedSequence = e.sequence() + 1;
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the event log: " + e.getMessage(), e);
        }
        return chained;
    }
}
