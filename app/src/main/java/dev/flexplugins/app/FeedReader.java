package dev.flexplugins.app;

import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.projections.FeedPage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event log as the feed sequencer reads it: woken when a transaction that appended events has
 * committed on this node (or, for other nodes' commits, when the processor's wait times out), it
 * waits {@code linger} so that the events committed meanwhile come along, then reads them in one
 * query. Under load this turns a read (and a sequencer commit) per few creates into one per batch;
 * a feed position comes at most {@code linger} later.
 *
 * <p>Axon's embedded event store would read the log on every commit on a thread of its own and hand
 * the events over; this reads on the processor's thread, once per wake-up. Each query's events are
 * handed over as one message, a {@link FeedPage}, whose token is the last event's: the sequencer
 * positions a page in one transaction with that token. The events, their order and their tokens are
 * the log's own (gaps included: an event that commits late below the token is read by the next
 * query).
 */
final class FeedReader implements StreamableMessageSource<TrackedEventMessage<?>> {
    /** Events per page, at most: one page is one message, positioned in one transaction. */
    static final int PAGE = 500;

    private final AxonEventStorage log;
    private final long lingerNanos;
    private final Commits commits;

    FeedReader(AxonEventStorage log, Duration linger, Commits commits) {
        this.log = log;
        this.lingerNanos = Math.max(0, linger.toNanos());
        this.commits = commits;
    }

    /** Counts this node's commits of appended events; the reader waits for the count to move. */
    static final class Commits {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition moved = lock.newCondition();
        private long count;

        void committed() {
            lock.lock();
            try {
                count++;
                moved.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long count() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        /** True as soon as the count differs from {@code seen}; false after {@code nanos}. */
        boolean awaitPast(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                while (count == seen) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = moved.awaitNanos(nanos);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Reading(token);
    }

    @Override
    public TrackingToken createTailToken() {
        return log.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return log.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return log.createTokenAt(dateTime);
    }

    private final class Reading implements BlockingStream<TrackedEventMessage<?>> {
        private final ArrayDeque<TrackedEventMessage<?>> read = new ArrayDeque<>();
        private TrackingToken last;

        /** The commit count before the last query: a commit after it may not have been read. */
        private long seen;

        /** The last query filled a whole page: more may be waiting, read again without waiting. */
        private boolean more = true;

        Reading(TrackingToken from) {
            this.last = from;
        }

        private void query() {
            seen = commits.count();
            List<TrackedEventMessage<?>> page = log.readLog(last, PAGE);
            more = page.size() >= PAGE;
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).trackingToken();
                List<DomainEventMessage<?>> events = new ArrayList<>(page.size());
                page.forEach(event -> events.add((DomainEventMessage<?>) event));
                read.add(
                        new GenericTrackedEventMessage<>(
                                last, GenericEventMessage.asEventMessage(new FeedPage(events))));
            }
        }

        /**
         * With a timeout (the processor waiting for the first event of a batch): what is read, else
         * a query once a commit is seen (after lingering) or the timeout passes. Without (the
         * processor filling its batch): what is read, else a query only when the last one was full.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!read.isEmpty()) {
                return true;
            }
            if (more) {
                query();
                if (!read.isEmpty() || timeout <= 0) {
                    return !read.isEmpty();
                }
            } else if (timeout <= 0) {
                return false;
            }
            if (commits.awaitPast(seen, unit.toNanos(timeout)) && lingerNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(lingerNanos);
            }
            query();
            return !read.isEmpty();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return hasNextAvailable() ? Optional.of(read.peekFirst()) : Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                // a quiet log: keep waiting
            }
            return read.pollFirst();
        }

        @Override
        public void close() {
            read.clear();
        }
    }
}
