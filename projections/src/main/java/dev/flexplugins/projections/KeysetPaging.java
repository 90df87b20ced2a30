package dev.flexplugins.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keyset paging over a {@code list_key} column, shared by every newest-first list. */
final class KeysetPaging {
    /**
     * Runs one query, given the tail to append to its WHERE clause: the key bound (if any), ORDER
     * BY the key column and LIMIT.
     */
    interface Query<T> {
        List<T> run(Sql keyBoundOrderAndLimit);
    }

    private KeysetPaging() {}

    /**
     * A newest-first page of {@code SELECT columns FROM table WHERE where}, keyed by {@code
     * list_key}; with {@code createdBy}, only rows created by then (time travel).
     */
    static <T> Slice<T> of(
            ViewSql jdbc,
            String columns,
            String table,
            String where,
            List<Object> whereArgs,
            Instant createdBy,
            Cursor cursor,
            int pageSize,
            ViewSql.RowMapper<T> mapper) {
        Sql select = new Sql("SELECT " + columns + " FROM " + table + " WHERE " + where, whereArgs);
        Sql filtered =
                createdBy == null ? select : select.then(" AND date_created <= ?", createdBy);
        return slice(cursor, pageSize, "list_key", tail -> jdbc.query(filtered.then(tail), mapper));
    }

    /** A newest-first page keyed by {@code keyColumn}, from {@code query}. */
    static <T> Slice<T> slice(Cursor cursor, int pageSize, String keyColumn, Query<T> query) {
        int limit = pageSize + 1;
        if (cursor == null) {
            List<T> rows = query.run(Sql.of(" ORDER BY " + keyColumn + " DESC LIMIT " + limit));
            boolean older = rows.size() > pageSize;
            return new Slice<>(older ? rows.subList(0, pageSize) : rows, false, older);
        }
        if (cursor.direction() == Cursor.Direction.OLDER) {
            List<T> rows =
                    query.run(
                            Sql.of(
                                    " AND "
                                            + keyColumn
                                            + " < ? ORDER BY "
                                            + keyColumn
                                            + " DESC LIMIT "
                                            + limit,
                                    cursor.listKey()));
            boolean older = rows.size() > pageSize;
            return new Slice<>(older ? rows.subList(0, pageSize) : rows, true, older);
        }
        List<T> rows =
                new ArrayList<>(
                        query.run(
                                Sql.of(
                                        " AND "
                                                + keyColumn
                                                + " > ? ORDER BY "
                                                + keyColumn
                                                + " ASC LIMIT "
                                                + limit,
                                        cursor.listKey())));
        boolean newer = rows.size() > pageSize;
        if (newer) {
            rows = rows.subList(0, pageSize);
        }
        Collections.reverse(rows);
        return new Slice<>(rows, newer, true);
    }
}
