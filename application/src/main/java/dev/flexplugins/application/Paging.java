package dev.flexplugins.application;

import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.projections.Cursor;
import dev.flexplugins.projections.Slice;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/** Newest-first keyset paging with signed page tokens, shared by every resource list. */
final class Paging {
    private Paging() {}

    static <T> Page<T> page(
            PageTokens tokens,
            String scope,
            PageRequest request,
            BiFunction<Cursor, Integer, Slice<T>> query,
            ToLongFunction<T> listKey) {
        int size = pageSize(request);
        Cursor cursor = null;
        int pageIndex = 0;
        if (request.pageToken() != null && !request.pageToken().isEmpty()) {
            PageTokens.Position position =
                    tokens.read(scope, request.pageToken(), Parameter.PAGE_TOKEN);
            cursor = position.cursor();
            pageIndex = position.page();
        }
        Slice<T> slice = query.apply(cursor, size);
        String next = null;
        String previous = null;
        if (!slice.items().isEmpty()) {
            if (slice.hasOlder()) {
                long last = listKey.applyAsLong(slice.items().get(slice.items().size() - 1));
                next = tokens.issue(scope, Cursor.olderThan(last), pageIndex + 1);
            }
            if (slice.hasNewer()) {
                long first = listKey.applyAsLong(slice.items().get(0));
                previous = tokens.issue(scope, Cursor.newerThan(first), Math.max(0, pageIndex - 1));
            }
        }
        return new Page<>(slice.items(), pageIndex, size, next, previous);
    }

    static int pageSize(PageRequest request) {
        int size = request.pageSize() == null ? PageRequest.DEFAULT_PAGE_SIZE : request.pageSize();
        if (size < 1 || size > PageRequest.MAX_PAGE_SIZE) {
            throw PluginServiceException.invalid(
                    Parameter.PAGE_SIZE,
                    input -> input + " must be between 1 and " + PageRequest.MAX_PAGE_SIZE);
        }
        return size;
    }
}
