package dev.flexplugins.projections;

/**
 * Where a page starts in a newest-first list: the rows older than {@code listKey} ({@link
 * Direction#OLDER}) or newer than it ({@link Direction#NEWER}). Keyset cursors page stably while
 * rows are being added: a new row is newer than any page already served.
 */
public record Cursor(Direction direction, long listKey) {
    public enum Direction {
        OLDER,
        NEWER
    }

    public static Cursor olderThan(long listKey) {
        return new Cursor(Direction.OLDER, listKey);
    }

    public static Cursor newerThan(long listKey) {
        return new Cursor(Direction.NEWER, listKey);
    }
}
