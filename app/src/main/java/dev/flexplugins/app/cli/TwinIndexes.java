package dev.flexplugins.app.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL only: a rebuilt view's indexes (primary key and unique constraints included) are
 * dropped before the bulk load and built once after it, in the same transaction, so a crash in
 * between rolls the drop back with everything else. Building an index from the loaded rows is one
 * sort; keeping it up to date row by row was most of the database's work during a replay.
 */
final class TwinIndexes {
    private final List<String> rebuild = new ArrayList<>();

    private TwinIndexes() {}

    /** Drops every index of {@code tables} and remembers how to build each again. */
    static TwinIndexes drop(Connection c, List<String> tables) throws SQLException {
        TwinIndexes indexes = new TwinIndexes();
        List<String> drops = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid),"
                                + " quote_ident(k.conname), pg_get_constraintdef(k.oid)"
                                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                                + " LEFT JOIN pg_constraint k"
                                + " ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid"
                                + " WHERE x.indrelid = to_regclass(?) ORDER BY i.relname")) {
            for (String table : tables) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String constraint = rs.getString(3);
                        if (constraint != null) {
                            drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
                            indexes.rebuild.add(
                                    "ALTER TABLE "
                                            + table
                                            + " ADD CONSTRAINT "
                                            + constraint
                                            + " "
                                            + rs.getString(4));
                        } else {
                            drops.add("DROP INDEX " + rs.getString(1));
                            indexes.rebuild.add(rs.getString(2));
                        }
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String sql : drops) {
                s.execute(sql);
            }
        }
        return indexes;
    }

    /** Builds the dropped indexes again, from the rows now in the tables. */
    void build(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : rebuild) {
                s.execute(sql);
            }
        }
    }

    int count() {
        return rebuild.size();
    }
}
