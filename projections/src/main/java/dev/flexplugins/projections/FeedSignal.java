package dev.flexplugins.projections;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wakes readers that follow the feed live (gRPC StreamEvents) when this node's sequencer commits
 * new positions. Readers also poll, so positions written by another node are seen within the poll
 * interval.
 */
public final class FeedSignal {
    private long generation;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void advanced() {
        synchronized (this) {
            generation++;
            notifyAll();
        }
        listeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} (quickly: on the sequencer's thread) each time the feed advances here.
     */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
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
