package dev.flexplugins.grpc;

import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.Availability;
import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.ServiceUnavailableException;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.StreamEventsRequest;
import dev.flexplugins.projections.model.LoggedEvent;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live event streams: each stream catches up from its position through the feed, then waits for the
 * sequencer to position new events (woken at once on this node, polling for other nodes), and sends
 * them in position order. Positions only ever grow, so a caller that reconnects with the last
 * position it received misses nothing and receives nothing twice.
 */
@Singleton
final class EventStreams {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    private static final int BATCH = 200;
    private static final long POLL_MILLIS = 500;

    private final AuditTrail audit;
    private final ExecutorService threads =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "event-stream");
                        t.setDaemon(true);
                        return t;
                    });

    private final Availability availability;

    EventStreams(AuditTrail audit, Availability availability) {
        this.audit = audit;
        this.availability = availability;
    }

    void start(
            CallContext ctx,
            StreamEventsRequest request,
            ServerCallStreamObserver<Event> observer,
            String base) {
        AtomicBoolean cancelled = new AtomicBoolean();
        observer.setOnCancelHandler(() -> cancelled.set(true));
        String resource = request.getResourceSid().isEmpty() ? null : request.getResourceSid();
        String type = request.getType().isEmpty() ? null : request.getType();
        threads.execute(
                () -> {
                    long last = request.getAfterPosition();
                    try {
                        while (!cancelled.get()) {
                            if (availability.phase().compareTo(Availability.Phase.REFUSING) >= 0) {
                                // the node is stopping: end the stream where the caller can resume
                                // it elsewhere
                                observer.onError(
                                        GrpcErrors.unavailable(
                                                ServiceUnavailableException.STOPPING
                                                        + "; reconnect with after_position "
                                                        + last));
                                return;
                            }
                            long generation = audit.feedGeneration();
                            var page = audit.feed(ctx, resource, type, last, null, BATCH);
                            for (LoggedEvent e : page.events()) {
                                while (!observer.isReady() && !cancelled.get()) {
                                    Thread.sleep(2);
                                }
                                if (cancelled.get()) {
                                    return;
                                }
                                observer.onNext(ProtoMapping.event(e, base));
                                last = e.position();
                            }
                            if (page.events().size() < BATCH) {
                                audit.awaitFeedAfter(generation, POLL_MILLIS);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        observer.onError(
                                Status.UNAVAILABLE
                                        .withDescription(
                                                "the service is shutting down; reconnect with"
                                                        + " after_position "
                                                        + last)
                                        .asRuntimeException());
                    } catch (RuntimeException e) {
                        if (!cancelled.get()) {
                            LOG.error("event stream failed after position {}", last, e);
                            observer.onError(
                                    Status.UNAVAILABLE
                                            .withDescription(
                                                    "the stream failed; reconnect with"
                                                            + " after_position "
                                                            + last)
                                            .asRuntimeException());
                        }
                    }
                });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
