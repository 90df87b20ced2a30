package dev.flexplugins.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventMessage;

/**
 * Small JDBC helpers over Axon's {@link ConnectionProvider}, so views join the command's
 * transaction.
 */
public final class ViewSql {
    /**
     * An event's global index in the log, in its metadata: the event store's append and its log
     * reads put it there, so a view takes the value it is handed (its list key) and never asks.
     */
    public static final String GLOBAL_INDEX_HINT = "__globalIndex";

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static final int MAX_BATCH = 1000;

    private final ConnectionProvider connections;
    private final boolean batching;
    private String batchSql;
    private Connection batchConnection;
    private PreparedStatement batch;
    private int batched;

    ViewSql(ConnectionProvider connections) {
        this(connections, false);
    }

    /**
     * With {@code batching}, updates are sent as JDBC batches of consecutive identical statements
     * (order is kept: a different statement sends the pending batch first); {@link #flush()} sends
     * the rest, before the transaction commits. Used by replay, where round trips dominate.
     */
    ViewSql(ConnectionProvider connections, boolean batching) {
        this.connections = connections;
        this.batching = batching;
    }

    /** Sends the pending batch, if any. */
    void flush() {
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
     * {@code message}'s global index, as the event store handed it over (see {@link
     * #GLOBAL_INDEX_HINT}).
     */
    static long globalIndex(EventMessage<?> message) {
        if (message.getMetaData().get(GLOBAL_INDEX_HINT) instanceof Number index) {
            return index.longValue();
        }
        throw new IllegalArgumentException(
                "event " + message.getIdentifier() + " came without its global index");
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
