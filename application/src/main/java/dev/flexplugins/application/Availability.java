package dev.flexplugins.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Whether this node takes requests: its lifecycle (serving, draining after SIGTERM, refusing while
 * in-flight work finishes) and whether its database answers. Both facades admit every request
 * through {@link #admit()} and report its end through {@link #done()}, so the service knows what is
 * in flight when it stops; readiness (REST health and gRPC health) follows {@link #ready()}.
 */
public class Availability {

    /** The node's lifecycle, in order. */
    public enum Phase {
        /** Taking requests. */
        SERVING,
        /**
         * Stopping: readiness is DOWN so load balancers stop sending, but requests are still
         * served.
         */
        DRAINING,
        /**
         * Stopping: new requests are refused with 503 / UNAVAILABLE while in-flight ones finish.
         */
        REFUSING,
        /** Stopped. */
        STOPPED
    }

    private volatile Phase phase = Phase.SERVING;
    private volatile String databaseProblem;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Consumer<Boolean>> readinessListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> refusingListeners = new CopyOnWriteArrayList<>();

    /**
     * Admits one request: empty when it may proceed (then {@link #done()} must follow), or why it
     * is refused (503 / UNAVAILABLE, nothing done).
     */
    public Optional<String> admit() {
        if (phase.compareTo(Phase.REFUSING) >= 0) {
            return Optional.of(ServiceUnavailableException.STOPPING);
        }
        if (databaseProblem != null) {
            return Optional.of(ServiceUnavailableException.DATABASE);
        }
        inFlight.incrementAndGet();
        return Optional.empty();
    }

    /** An admitted request has been answered. */
    public void done() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public Phase phase() {
        return phase;
    }

    /** Ready for traffic: serving, and the database answered the last probe. */
    public boolean ready() {
        return phase == Phase.SERVING && databaseProblem == null;
    }

    /** Why the database is unavailable, or null when the last probe succeeded. */
    public String databaseProblem() {
        return databaseProblem;
    }

    /** The database monitor's latest finding: null when the database answered. */
    public void databaseProbed(String problem) {
        boolean wasReady = ready();
        databaseProblem = problem;
        notifyIfChanged(wasReady);
    }

    /** Moves the lifecycle forward (never back). */
    public void enter(Phase next) {
        boolean wasReady = ready();
        synchronized (this) {
            if (next.compareTo(phase) <= 0) {
                return;
            }
            phase = next;
        }
        notifyIfChanged(wasReady);
        if (next == Phase.REFUSING) {
            refusingListeners.forEach(Runnable::run);
        }
    }

    /**
     * Waits until no admitted request is in flight, or the timeout passes; true when none is left.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Called with the new readiness whenever it changes (gRPC health follows it). */
    public void onReadinessChange(Consumer<Boolean> listener) {
        readinessListeners.add(listener);
        listener.accept(ready());
    }

    /** Called once when the node starts refusing new requests (long-lived streams end then). */
    public void onRefusing(Runnable listener) {
        refusingListeners.add(listener);
    }

    private void notifyIfChanged(boolean wasReady) {
        boolean now = ready();
        if (now != wasReady) {
            readinessListeners.forEach(l -> l.accept(now));
        }
    }
}
