package dev.flexplugins.query;

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
