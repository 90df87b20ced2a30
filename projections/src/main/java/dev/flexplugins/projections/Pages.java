package dev.flexplugins.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keyset paging over a {@code list_key} column, shared by every newest-first list. */
final class Pages {
    /** Runs one query: extra WHERE condition, ORDER BY direction, LIMIT, and the key bound (or null). */
    interface Query<T> {
        List<T> run(String condition, String order, int limit, Long key);
    }

    private Pages() {
    }

    /**
     * A newest-first page of {@code SELECT columns FROM table WHERE where}, keyed by {@code list_key};
     * with {@code createdBy}, only rows created by then (time travel).
     */
    static <T> Slice<T> of(Jdbc jdbc, String columns, String table, String where, List<Object> whereArgs,
                           Instant createdBy, Cursor cursor, int pageSize, Jdbc.RowMapper<T> mapper) {
        return slice(cursor, pageSize, (condition, order, limit, key) -> {
            List<Object> args = new ArrayList<>(whereArgs);
            String asOf = "";
            if (createdBy != null) {
                asOf = " AND date_created <= ?";
                args.add(createdBy);
            }
            if (key != null) {
                args.add(key);
            }
            return jdbc.query("SELECT " + columns + " FROM " + table + " WHERE " + where + asOf + condition
                    + " ORDER BY list_key " + order + " LIMIT " + limit, mapper, args.toArray());
        });
    }

    static <T> Slice<T> slice(Cursor cursor, int pageSize, Query<T> query) {
        if (cursor == null) {
            List<T> rows = query.run("", "DESC", pageSize + 1, null);
            boolean older = rows.size() > pageSize;
            return new Slice<>(older ? rows.subList(0, pageSize) : rows, false, older);
        }
        if (cursor.direction() == Cursor.Direction.OLDER) {
            List<T> rows = query.run(" AND list_key < ?", "DESC", pageSize + 1, cursor.listKey());
            boolean older = rows.size() > pageSize;
            return new Slice<>(older ? rows.subList(0, pageSize) : rows, true, older);
        }
        List<T> rows = new ArrayList<>(query.run(" AND list_key > ?", "ASC", pageSize + 1, cursor.listKey()));
        boolean newer = rows.size() > pageSize;
        if (newer) {
            rows = rows.subList(0, pageSize);
        }
        Collections.reverse(rows);
        return new Slice<>(rows, newer, true);
    }
}
