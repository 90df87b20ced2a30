package dev.flexplugins.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Small JDBC helpers over Axon's {@link ConnectionProvider}, so views join the command's
 * transaction.
 */
public final class Jdbc {
    /** Metadata a log scan (replay) adds to an event it already knows the global index of. */
    public static final String GLOBAL_INDEX_HINT = "__globalIndex";

    /** The unit-of-work resource naming the last event its transaction appended. */
    private static final String LAST_APPENDED = Jdbc.class.getName() + ".lastAppended";

    /** The sequence of the event table's global index (PostgreSQL, V1__event_store.sql). */
    private static final String GLOBAL_INDEX_SEQUENCE = "domain_event_entry_global_index_seq";

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static final int MAX_BATCH = 1000;
    private static final ThreadLocal<Set<Jdbc>> PENDING =
            ThreadLocal.withInitial(LinkedHashSet::new);

    private final ConnectionProvider connections;
    private final boolean batching;
    private String batchSql;
    private Connection batchConnection;
    private PreparedStatement batch;
    private int batched;

    Jdbc(ConnectionProvider connections) {
        this(connections, false);
    }

    /**
     * With {@code batching}, updates are sent as JDBC batches of consecutive identical statements
     * (order is kept: a different statement sends the pending batch first); {@link #flushAll()}
     * sends the rest before the transaction commits. Used by replay, where round trips dominate.
     */
    Jdbc(ConnectionProvider connections, boolean batching) {
        this.connections = connections;
        this.batching = batching;
    }

    /** Sends every batch this thread has pending. */
    public static void flushAll() {
        Set<Jdbc> pending = PENDING.get();
        try {
            for (Jdbc jdbc : pending) {
                jdbc.flush();
            }
        } finally {
            pending.clear();
        }
    }

    private void flush() {
        if (batch == null) {
            return;
        }
        try {
            batch.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("view update failed: " + e.getMessage(), e);
        } finally {
            try {
                batch.close();
                batchConnection.close();
            } catch (SQLException ignored) {
                // closing a statement of a transaction that failed
            }
            batch = null;
            batchSql = null;
            batched = 0;
        }
    }

    private int addToBatch(String sql, Object... args) {
        try {
            if (!sql.equals(batchSql) || batched >= MAX_BATCH) {
                flush();
            }
            if (batch == null) {
                batchConnection = connections.getConnection();
                batch = batchConnection.prepareStatement(sql);
                batchSql = sql;
                PENDING.get().add(this);
            }
            bind(batch, args);
            batch.addBatch();
            batched++;
            return 1;
        } catch (SQLException e) {
            throw new IllegalStateException("view update failed: " + e.getMessage(), e);
        }
    }

    int update(Sql sql) {
        return update(sql.text(), sql.args().toArray());
    }

    int update(String sql, Object... args) {
        if (batching) {
            return addToBatch(sql, args);
        }
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("view update failed: " + e.getMessage(), e);
        }
    }

    /** Runs one statement for each of {@code rows} as one JDBC batch (one round trip). */
    void batch(String sql, List<Object[]> rows) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("view update failed: " + e.getMessage(), e);
        }
    }

    /** An array parameter: the database's element type name and the elements. */
    record SqlArray(String elementType, Object[] elements) {}

    /**
     * Runs one statement whose parameters are arrays and checks that it changed {@code expected}
     * rows.
     */
    void updateWithArrays(String sql, int expected, SqlArray... arrays) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, c.createArrayOf(arrays[i].elementType(), arrays[i].elements()));
            }
            int changed = ps.executeUpdate();
            if (changed != expected) {
                throw new IllegalStateException(
                        "expected " + expected + " rows written, not " + changed);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs an insert and returns the row as the database stored it ({@code columns}, through the
     * driver's generated-keys: {@code RETURNING} on PostgreSQL, the same on H2) in the same round
     * trip, instead of reading it back with a second statement.
     */
    <T> T insertReturning(Sql sql, String[] columns, RowMapper<T> mapper) {
        if (batching) {
            throw new IllegalStateException("insertReturning is for the live views, not replay");
        }
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.text(), columns)) {
            bind(ps, sql.args().toArray());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the insert returned no row");
                }
                return mapper.map(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("view update failed: " + e.getMessage(), e);
        }
    }

    <T> List<T> query(Sql sql, RowMapper<T> mapper) {
        return query(sql.text(), mapper, sql.args().toArray());
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("view query failed: " + e.getMessage(), e);
        }
    }

    /** Streams the rows of a query to {@code consumer}, without holding them all. */
    <T> void forEach(String sql, RowMapper<T> mapper, Consumer<T> consumer) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("view query failed: " + e.getMessage(), e);
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * A SQL expression for {@code message}'s global index: the known value; for the last event the
     * command's transaction appended, when the storage engine marked it ({@link #markLastAppended},
     * PostgreSQL), the value its insert just drew from the event table's sequence ({@code currval}:
     * this session's own, whatever other sessions draw meanwhile); else a scalar subquery on the
     * event store (run in the appending transaction, it sees its own row). Either way a view row
     * and its list key are written in one statement.
     */
    static Sql globalIndex(EventMessage<?> message) {
        Object hint = message.getMetaData().get(GLOBAL_INDEX_HINT);
        if (hint instanceof Number number) {
            return Sql.of("?", number.longValue());
        }
        if (CurrentUnitOfWork.isStarted()
                && message.getIdentifier()
                        .equals(CurrentUnitOfWork.get().root().getResource(LAST_APPENDED))) {
            return Sql.of("currval('" + GLOBAL_INDEX_SEQUENCE + "')");
        }
        return Sql.of(
                "(SELECT global_index FROM domain_event_entry WHERE event_identifier = ?)",
                message.getIdentifier());
    }

    /**
     * Records, in the unit of work of the transaction that appends {@code events} to the event
     * store, which was inserted last (so drew the last value of the global index's sequence).
     * Called by the storage engine right after the insert, on PostgreSQL only (the sequence).
     */
    public static void markLastAppended(List<? extends EventMessage<?>> events) {
        if (!events.isEmpty() && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get()
                    .root()
                    .resources()
                    .put(LAST_APPENDED, events.get(events.size() - 1).getIdentifier());
        }
    }

    /**
     * A {@code TIMESTAMP} column (UTC wall-clock time) as an instant. Read as a {@link
     * LocalDateTime}: the driver decodes it directly, where a {@code Timestamp} with a UTC {@code
     * Calendar} cost a calendar per value (50 per page of a list).
     */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Instant instant) {
                ps.setObject(i + 1, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }
}
