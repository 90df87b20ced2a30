package dev.flexplugins.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** PostgreSQL: a page of positions as one statement over arrays; appends held by a table lock. */
final class PostgresDialect implements Dialect {
    /**
     * The page's columns as arrays, unnested in order, each row's position the last one (read once,
     * before the first row is inserted) plus its ordinal.
     */
    private static final String INSERT_UNNESTED =
            "INSERT INTO event_feed (position, global_index, account_sid, resource_sid, event_type, occurred_at)"
                    + " SELECT (SELECT COALESCE(MAX(position), 0) FROM event_feed) + u.n,"
                    + " u.g, u.a, u.r, u.t, u.o"
                    + " FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamp[])"
                    + " WITH ORDINALITY AS u(g, a, r, t, o, n)";

    @Override
    public void position(Connection c, List<FeedEntry> entries) throws SQLException {
        int n = entries.size();
        Long[] indexes = new Long[n];
        String[] accounts = new String[n];
        String[] resources = new String[n];
        String[] types = new String[n];
        LocalDateTime[] times = new LocalDateTime[n];
        for (int i = 0; i < n; i++) {
            FeedEntry e = entries.get(i);
            indexes[i] = e.globalIndex();
            accounts[i] = e.accountSid();
            resources[i] = e.resourceSid();
            types[i] = e.eventType();
            times[i] = LocalDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_UNNESTED)) {
            ps.setArray(1, c.createArrayOf("bigint", indexes));
            ps.setArray(2, c.createArrayOf("varchar", accounts));
            ps.setArray(3, c.createArrayOf("varchar", resources));
            ps.setArray(4, c.createArrayOf("varchar", types));
            ps.setArray(5, c.createArrayOf("timestamp", times));
            int written = ps.executeUpdate();
            if (written != n) {
                throw new SQLException("expected " + n + " feed rows written, not " + written);
            }
        }
    }

    /** SHARE waits for every transaction that is inserting events, then blocks new inserts. */
    @Override
    public String holdAppends(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE domain_event_entry IN SHARE MODE");
        }
        return null; // released with the transaction
    }
}
