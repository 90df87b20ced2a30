package dev.flexplugins.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * H2: the last position read once and the page sent as one JDBC batch; appends held by EXCLUSIVE
 * mode.
 */
final class H2Dialect implements Dialect {
    @Override
    public void position(Connection c, List<FeedEntry> entries) throws SQLException {
        long last;
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT COALESCE(MAX(position), 0) FROM event_feed");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            last = rs.getLong(1);
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO event_feed (position, global_index, account_sid, resource_sid,"
                                + " event_type, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (FeedEntry e : entries) {
                ps.setLong(1, ++last);
                ps.setLong(2, e.globalIndex());
                ps.setString(3, e.accountSid());
                ps.setString(4, e.resourceSid());
                ps.setString(5, e.eventType());
                ps.setObject(6, LocalDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * H2 has no table locks: exclusive mode pauses every other session; it is only safe once no
     * other session holds an uncommitted change, so it backs off and retries until then (about 5 s
     * at most).
     */
    @Override
    public String holdAppends(Connection c) throws SQLException {
        for (int attempt = 0; attempt < 500; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute("SET EXCLUSIVE 1");
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                                        + " WHERE SESSION_ID <> SESSION_ID() AND CONTAINS_UNCOMMITTED")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return "SET EXCLUSIVE 0";
                    }
                }
                s.execute("SET EXCLUSIVE 0");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("could not find a moment without appends in flight");
    }
}
