package dev.flexplugins.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a newest-first list, with the tokens that open its neighbours (null at either end).
 *
 * @param page zero-based index of this page
 * @param pageSize the page size in effect
 */
public record Page<T>(
        List<T> items, int page, int pageSize, String nextPageToken, String previousPageToken) {
    /** The same page with each item made into another type. */
    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(f.apply(item));
        }
        return new Page<>(
                Collections.unmodifiableList(mapped),
                page,
                pageSize,
                nextPageToken,
                previousPageToken);
    }
}
