package dev.flexplugins.app;

import dev.flexplugins.application.Availability;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What SIGTERM (and SIGINT) do to a running service, in order:
 *
 * <ol>
 *   <li>readiness goes DOWN at once (REST {@code /health/readiness} and gRPC health), while
 *       requests are still served for {@code flex.shutdown.grace}, so load balancers notice and
 *       move traffic;
 *   <li>new requests are then refused with 503 / UNAVAILABLE (and {@code Connection: close}), event
 *       streams end with a resume position, and in-flight requests finish (at most {@code
 *       flex.shutdown.drain-timeout});
 *   <li>the context closes: servers stop, Axon stops its processors and releases the feed's token
 *       claim, the pool closes; the process exits 0.
 * </ol>
 *
 * Whatever the timing, no event commits without its view rows: the views are applied by the append
 * itself (see LiveViews), not by an Axon processor that shutdown stops.
 */
final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private static final Duration REFUSE_AT_LEAST = Duration.ofMillis(500);

    private final ApplicationContext context;
    private final Availability availability;
    private final Duration grace;
    private final Duration drainTimeout;
    private volatile boolean started;

    private GracefulShutdown(ApplicationContext context) {
        this.context = context;
        this.availability = context.getBean(Availability.class);
        FlexProperties.Shutdown settings = context.getBean(FlexProperties.class).getShutdown();
        this.grace = settings.getGrace();
        this.drainTimeout = settings.getDrainTimeout();
    }

    /**
     * Stops accepting connections and lets Netty finish the open ones (each answered request closes
     * its connection) before the context closes the rest, so no request is cut off mid-way.
     */
    private void closeListeners() {
        for (EmbeddedServer server : context.getBeansOfType(EmbeddedServer.class)) {
            if (server instanceof GracefulShutdownCapable graceful) {
                try {
                    graceful.shutdownGracefully()
                            .toCompletableFuture()
                            .get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    LOG.warn(
                            "HTTP connections still open after {} ms; closing them",
                            drainTimeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Takes over SIGTERM and SIGINT for {@code context}. */
    static void install(ApplicationContext context) {
        GracefulShutdown shutdown = new GracefulShutdown(context);
        Signal.handle(new Signal("TERM"), signal -> shutdown.begin("SIGTERM"));
        Signal.handle(new Signal("INT"), signal -> shutdown.begin("SIGINT"));
    }

    private synchronized void begin(String why) {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(() -> run(why), "graceful-shutdown");
        thread.start();
    }

    private void run(String why) {
        int code = 0;
        try {
            LOG.info(
                    "{}: readiness DOWN; serving for {} ms more so load balancers can move traffic",
                    why,
                    grace.toMillis());
            availability.enter(Availability.Phase.DRAINING);
            Thread.sleep(grace.toMillis());
            availability.enter(Availability.Phase.REFUSING);
            LOG.info(
                    "Refusing new requests (503 / UNAVAILABLE); waiting for {} in flight",
                    availability.inFlight());
            // clients that are still sending get their 503 with Connection: close before the
            // listener goes
            Thread.sleep(REFUSE_AT_LEAST.toMillis());
            if (!availability.awaitIdle(drainTimeout)) {
                LOG.warn(
                        "{} request(s) still in flight after {} ms; stopping anyway",
                        availability.inFlight(),
                        drainTimeout.toMillis());
                code = 1;
            }
            closeListeners();
            context.close();
            availability.enter(Availability.Phase.STOPPED);
            if (code == 0) {
                LOG.info("Stopped cleanly");
            } else {
                LOG.warn("Stopped; requests still in flight at the drain timeout were cut off");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        } catch (RuntimeException e) {
            LOG.error("Shutdown failed", e);
            code = 1;
        }
        System.exit(code);
    }
}
