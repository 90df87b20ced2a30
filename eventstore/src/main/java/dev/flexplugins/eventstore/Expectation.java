package dev.flexplugins.eventstore;

/**
 * What an append takes as given about a stream: its last sequence number is {@code head}, or
 * ({@link #NO_EVENTS}) it has no events yet. The append writes nothing unless every expectation
 * holds when it is made.
 */
public record Expectation(String stream, long head) {
    public static final long NO_EVENTS = -1;

    public static Expectation noEvents(String stream) {
        return new Expectation(stream, NO_EVENTS);
    }

    public static Expectation at(String stream, long head) {
        return new Expectation(stream, head);
    }
}
