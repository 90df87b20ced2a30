package dev.flexplugins.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the feed sequencer reads it: when an event arrives after a quiet moment, the
 * sequencer waits {@code linger} before taking its batch, so that the events committed meanwhile
 * are positioned in the same transaction. Under load this turns one sequencer commit per create
 * into one per batch; a feed position comes at most {@code linger} later. Nothing else changes: the
 * same events, in the same order, positioned by the same single-segment processor.
 */
final class FeedBatching implements StreamableMessageSource<TrackedEventMessage<?>> {
    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final long lingerNanos;

    FeedBatching(StreamableMessageSource<TrackedEventMessage<?>> store, Duration linger) {
        this.store = store;
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(token);
        return lingerNanos <= 0 ? stream : new Lingering(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class Lingering implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        /**
         * The processor's wait for the first event of a batch (a timeout above zero): once one is
         * there, linger. Its non-blocking checks while filling the batch (timeout zero) do not.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = stream.hasNextAvailable(timeout, unit);
            if (available && timeout > 0) {
                TimeUnit.NANOSECONDS.sleep(lingerNanos);
            }
            return available;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
