package dev.flexplugins.projections;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wakes readers that follow the feed live (gRPC StreamEvents) when this node's sequencer commits
 * new positions. Readers also poll, so positions written by another node are seen within the poll
 * interval.
 */
public final class FeedSignal {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void advanced() {
        listeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} (quickly: on the sequencer's thread) each time the feed advances here.
     */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }
}
