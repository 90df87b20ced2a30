package dev.flexplugins.app.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Reads the log from a token on its own thread, a few chunks ahead of the thread that applies them:
 * fetching rows and deserializing payloads and metadata overlaps with the views being written,
 * instead of each waiting for the other. Each event is handed over fully deserialized, with its
 * global index in its metadata (as the engine reads the log).
 */
final class ReadAhead implements AutoCloseable {
    /** One chunk: the events (already deserialized) and the token after the last of them. */
    record Chunk(List<EventMessage<?>> events, TrackingToken token) {}

    private static final Chunk END = new Chunk(List.of(), null);
    private static final int CHUNKS_AHEAD = 2;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread thread;
    private volatile boolean closed;

    ReadAhead(EventStorageEngine engine, TrackingToken from, int chunk) {
        this.thread = new Thread(() -> read(engine, from, chunk), "replay-read-ahead");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void read(EventStorageEngine engine, TrackingToken from, int size) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            List<EventMessage<?>> chunk = new ArrayList<>(size);
            TrackingToken token = from;
            while (it.hasNext() && !closed) {
                TrackedEventMessage<?> tracked = it.next();
                EventMessage<?> event = tracked; // with its global index (the engine's reads)
                // deserialized here, on this thread, not on the one writing the views
                event.getPayload();
                event.getTimestamp();
                chunk.add(event);
                token = tracked.trackingToken();
                if (chunk.size() == size) {
                    put(new Chunk(chunk, token));
                    chunk = new ArrayList<>(size);
                }
            }
            if (!chunk.isEmpty()) {
                put(new Chunk(chunk, token));
            }
            put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Object item) throws InterruptedException {
        while (!closed) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** The next chunk, or {@code null} once the log has been read to its end. */
    Chunk next() {
        try {
            Object item = queue.take();
            if (item instanceof Throwable failure) {
                throw new IllegalStateException(
                        "replay: reading the log failed: " + failure.getMessage(), failure);
            }
            return item == END ? null : (Chunk) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay: interrupted", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
