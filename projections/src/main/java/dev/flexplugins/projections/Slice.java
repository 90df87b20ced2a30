package dev.flexplugins.projections;

import java.util.List;

/**
 * One page of a newest-first list, read by keyset: {@code hasNewer}/{@code hasOlder} say whether
 * rows exist beyond the first/last item.
 */
public record Slice<T>(List<T> items, boolean hasNewer, boolean hasOlder) {}
