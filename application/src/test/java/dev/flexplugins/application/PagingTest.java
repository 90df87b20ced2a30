package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.projections.Cursor;
import dev.flexplugins.projections.Slice;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Paging over a newest-first list of keys 1..7, as a client walks it with the tokens it is given.
 */
class PagingTest {
    private final PageTokens tokens = new PageTokens("secret".getBytes(StandardCharsets.UTF_8));
    private final List<Long> keys = LongStream.rangeClosed(1, 7).boxed().toList();

    private Slice<Long> query(Cursor cursor, int size) {
        List<Long> newestFirst = keys.stream().sorted(Comparator.reverseOrder()).toList();
        if (cursor == null) {
            return new Slice<>(
                    newestFirst.stream().limit(size).toList(), false, newestFirst.size() > size);
        }
        if (cursor.direction() == Cursor.Direction.OLDER) {
            List<Long> older = newestFirst.stream().filter(k -> k < cursor.listKey()).toList();
            return new Slice<>(older.stream().limit(size).toList(), true, older.size() > size);
        }
        List<Long> newer =
                keys.stream()
                        .filter(k -> k > cursor.listKey())
                        .limit(size)
                        .sorted(Comparator.reverseOrder())
                        .toList();
        return new Slice<>(
                newer, keys.stream().filter(k -> k > cursor.listKey()).count() > size, true);
    }

    private Page<Long> page(String token) {
        return Paging.page(
                tokens,
                "plugins|AC1",
                new PageRequest(3, token, null),
                this::query,
                Long::longValue);
    }

    @Test
    void nextAndPreviousTokensWalkTheListWithoutGapsOrRepeats() {
        Page<Long> first = page(null);
        assertEquals(List.of(7L, 6L, 5L), first.items());
        assertNull(first.previousPageToken());
        Page<Long> second = page(first.nextPageToken());
        assertEquals(List.of(4L, 3L, 2L), second.items());
        assertEquals(1, second.page());
        Page<Long> third = page(second.nextPageToken());
        assertEquals(List.of(1L), third.items());
        assertNull(third.nextPageToken());
        assertNotNull(third.previousPageToken());
        assertEquals(List.of(4L, 3L, 2L), page(third.previousPageToken()).items());
    }

    @Test
    void aTokenOfAnotherListOrAnOutOfRangePageSizeIsRefused() {
        String token = page(null).nextPageToken();
        PluginServiceException foreign =
                assertThrows(
                        PluginServiceException.class,
                        () ->
                                Paging.page(
                                        tokens,
                                        "plugins|AC2",
                                        new PageRequest(3, token, null),
                                        this::query,
                                        Long::longValue));
        assertEquals(Parameter.PAGE_TOKEN, foreign.field());
        PluginServiceException tooBig =
                assertThrows(
                        PluginServiceException.class,
                        () -> Paging.pageSize(new PageRequest(1001, null, null)));
        assertEquals(Parameter.PAGE_SIZE, tooBig.field());
    }
}
