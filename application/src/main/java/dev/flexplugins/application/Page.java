package dev.flexplugins.application;

import java.util.List;

/**
 * One page of a newest-first list, with the tokens that open its neighbours (null at either end).
 *
 * @param page zero-based index of this page
 * @param pageSize the page size in effect
 */
public record Page<T>(
        List<T> items, int page, int pageSize, String nextPageToken, String previousPageToken) {}
