package dev.flexplugins.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.Availability;
import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.Resources;
import dev.flexplugins.application.ServiceSettings;
import dev.flexplugins.application.ServiceUnavailableException;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.StreamEventsRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live event streams. Each stream catches up from its position through the feed, then waits for the
 * sequencer to position new events, and sends them in position order. Positions only ever grow, so
 * a caller that reconnects with the last position it received misses nothing and receives nothing
 * twice.
 *
 * <p>No stream owns a thread: a small shared pool ({@code flex.streams.threads}) runs a stream's
 * next step only when there is something to do: the client can take more (gRPC flow control's
 * on-ready), this node's sequencer advanced, or the half-second poll that sees positions written by
 * another node. A client that stops reading costs nothing until it reads again. Each account may
 * hold {@code flex.streams.max-per-account} streams; past that, {@code RESOURCE_EXHAUSTED}.
 */
@Singleton
final class EventStreams {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    private static final int BATCH = 200;
    private static final long POLL_MILLIS = 500;

    private final AuditTrail audit;
    private final Availability availability;
    private final int perAccount;
    private final ScheduledExecutorService pool;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Set<Stream> waiting = ConcurrentHashMap.newKeySet();

    EventStreams(AuditTrail audit, Availability availability, ServiceSettings settings) {
        this.audit = audit;
        this.availability = availability;
        this.perAccount = settings.streamsPerAccount();
        this.pool =
                Executors.newScheduledThreadPool(
                        Math.max(1, settings.streamThreads()),
                        r -> {
                            Thread t = new Thread(r, "event-streams");
                            t.setDaemon(true);
                            return t;
                        });
        audit.onFeedAdvance(this::wakeWaiting);
        pool.scheduleWithFixedDelay(
                this::wakeWaiting, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Open streams of {@code accountSid} (for tests and metrics). */
    int open(String accountSid) {
        AtomicInteger count = open.get(accountSid);
        return count == null ? 0 : count.get();
    }

    void start(
            CallContext ctx,
            StreamEventsRequest request,
            ServerCallStreamObserver<Event> observer,
            String base) {
        AtomicInteger count = open.computeIfAbsent(ctx.accountSid(), k -> new AtomicInteger());
        if (count.incrementAndGet() > perAccount) {
            count.decrementAndGet();
            observer.onError(
                    StatusProto.toStatusRuntimeException(
                            com.google.rpc.Status.newBuilder()
                                    .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                                    .setMessage(
                                            "This account has "
                                                    + perAccount
                                                    + " event streams open, the most it may;"
                                                    + " close one first")
                                    .addDetails(
                                            Any.pack(
                                                    ErrorInfo.newBuilder()
                                                            .setReason("TOO_MANY_STREAMS")
                                                            .setDomain(GrpcErrors.DOMAIN)
                                                            .build()))
                                    .build()));
            return;
        }
        Stream stream = new Stream(ctx, request, observer, base, count);
        observer.setOnCancelHandler(stream::finish);
        observer.setOnReadyHandler(stream::schedule);
        stream.schedule();
    }

    private void wakeWaiting() {
        for (Stream stream : waiting) {
            stream.schedule();
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private final class Stream implements Runnable {
        private final CallContext ctx;
        private final String resource;
        private final String type;
        private final ServerCallStreamObserver<Event> observer;
        private final String base;
        private final AtomicInteger count;

        /**
         * Steps asked for and not yet run: a step runs on one thread at a time, never two at once.
         */
        private final AtomicInteger wanted = new AtomicInteger();

        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile long last;

        Stream(
                CallContext ctx,
                StreamEventsRequest request,
                ServerCallStreamObserver<Event> observer,
                String base,
                AtomicInteger count) {
            this.ctx = ctx;
            this.resource = request.getResourceSid().isEmpty() ? null : request.getResourceSid();
            this.type = request.getType().isEmpty() ? null : request.getType();
            this.observer = observer;
            this.base = base;
            this.count = count;
            this.last = request.getAfterPosition();
        }

        /**
         * Asks for a step. The first ask queues the stream on the pool; asks that arrive while it
         * runs make it run once more after, on the same thread, so steps never overlap.
         */
        void schedule() {
            if (!finished.get() && wanted.getAndIncrement() == 0) {
                try {
                    pool.execute(this);
                } catch (RuntimeException rejected) {
                    wanted.set(0); // the pool is shutting down
                }
            }
        }

        /** Frees the stream's slot and stops its steps; idempotent. */
        void finish() {
            if (finished.compareAndSet(false, true)) {
                waiting.remove(this);
                count.decrementAndGet();
            }
        }

        @Override
        public void run() {
            int asked = wanted.get();
            while (true) {
                step();
                asked = wanted.addAndGet(-asked);
                if (asked == 0) {
                    return;
                }
            }
        }

        private void step() {
            if (finished.get()) {
                return;
            }
            waiting.remove(this);
            try {
                if (availability.phase().compareTo(Availability.Phase.REFUSING) >= 0) {
                    // the node is stopping: end the stream where the caller can resume it elsewhere
                    fail(
                            GrpcErrors.unavailable(
                                    ServiceUnavailableException.STOPPING
                                            + "; reconnect with after_position "
                                            + last));
                    return;
                }
                var page = audit.feed(ctx, resource, type, last, null, BATCH);
                for (Resources.AuditEvent e : page.events()) {
                    if (!observer.isReady()) {
                        return; // flow control: the on-ready handler schedules the next step
                    }
                    if (finished.get()) {
                        return;
                    }
                    observer.onNext(ProtoMapping.event(e, base));
                    last = e.position();
                }
                if (page.events().size() == BATCH) {
                    schedule(); // more to catch up on: runs again right after this step
                } else {
                    waiting.add(this); // woken by the sequencer or the poll
                }
            } catch (RuntimeException e) {
                if (!finished.get()) {
                    if (ServiceUnavailableException.reason(e).isEmpty()) {
                        LOG.warn("event stream failed after position {}: {}", last, e.toString());
                    }
                    fail(
                            Status.UNAVAILABLE
                                    .withDescription(
                                            "the stream failed; reconnect with after_position "
                                                    + last)
                                    .asRuntimeException());
                }
            }
        }

        private void fail(RuntimeException error) {
            if (!finished.get()) {
                finish();
                try {
                    observer.onError(error);
                } catch (RuntimeException alreadyClosed) {
                    // the call ended meanwhile
                }
            }
        }
    }
}
