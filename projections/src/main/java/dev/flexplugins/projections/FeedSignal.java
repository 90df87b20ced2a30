package dev.flexplugins.projections;

/**
 * Wakes readers that follow the feed live (gRPC StreamEvents) when this node's sequencer commits
 * new positions. Readers also poll, so positions written by another node are seen within the poll
 * interval.
 */
public final class FeedSignal {
    private long generation;

    synchronized void advanced() {
        generation++;
        notifyAll();
    }

    /** The current generation, to pass to {@link #awaitAfter}. */
    public synchronized long generation() {
        return generation;
    }

    /** Waits until the sequencer advances past {@code seen}, or {@code millis} pass. */
    public synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (generation == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
