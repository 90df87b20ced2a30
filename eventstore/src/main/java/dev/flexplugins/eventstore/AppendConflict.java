package dev.flexplugins.eventstore;

/**
 * An append that wrote nothing because a stream was not where the caller took it to be: it already
 * had the sequence number appended ({@link Kind#DUPLICATE}: a concurrent writer won, or the stream
 * to create exists), or a stream expected at a head had moved on ({@link Kind#HEAD_MOVED}).
 */
public final class AppendConflict extends RuntimeException {
    public enum Kind {
        DUPLICATE,
        HEAD_MOVED
    }

    private final Kind kind;
    private final String stream;
    private final long sequence;

    private AppendConflict(Kind kind, String stream, long sequence, String message) {
        super(message);
        this.kind = kind;
        this.stream = stream;
        this.sequence = sequence;
    }

    static AppendConflict duplicate(String stream, long sequence, Throwable cause) {
        AppendConflict conflict =
                new AppendConflict(
                        Kind.DUPLICATE,
                        stream,
                        sequence,
                        "stream "
                                + stream
                                + " already has event "
                                + sequence
                                + ": nothing was appended");
        if (cause != null) {
            conflict.initCause(cause);
        }
        return conflict;
    }

    static AppendConflict headMoved(String stream, long expected, Long actual) {
        return new AppendConflict(
                Kind.HEAD_MOVED,
                stream,
                expected,
                "stream "
                        + stream
                        + " was expected at "
                        + (expected == Expectation.NO_EVENTS ? "no events" : expected)
                        + " and is at "
                        + (actual == null ? "no events" : actual)
                        + ": nothing was appended");
    }

    /** The insert that checked the heads wrote nothing, yet they hold when read: they moved. */
    static AppendConflict movedMeanwhile(String stream, long expected) {
        return new AppendConflict(
                Kind.HEAD_MOVED,
                stream,
                expected,
                "stream "
                        + stream
                        + " moved on from "
                        + expected
                        + " while the event was appended: nothing was appended");
    }

    public Kind kind() {
        return kind;
    }

    public String stream() {
        return stream;
    }

    /**
     * The sequence number that was already taken (DUPLICATE), or the head expected (HEAD_MOVED).
     */
    public long sequence() {
        return sequence;
    }
}
