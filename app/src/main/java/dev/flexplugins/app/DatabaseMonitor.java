package dev.flexplugins.app;

import dev.flexplugins.application.Availability;
import dev.flexplugins.eventstore.EventStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the database every {@code flex.health.probe-interval}: reachable, writable (not a standby
 * in recovery), and how far the feed trails the log. Readiness, gRPC health and request admission
 * follow the result, so an outage is answered with 503 at once instead of every request waiting for
 * the pool, and traffic comes back by itself when the database does. Logs each change once. The
 * probe runs on a connection of its own, outside the pool (a busy pool is not an outage).
 */
@Context
@Requires(notEnv = "cli")
final class DatabaseMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMonitor.class);

    /** What the last probe found. */
    record Probe(boolean up, String problem, long feedLagEvents, double feedLagSeconds) {}

    private final Database database;
    private final Availability availability;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "database-monitor");
                        t.setDaemon(true);
                        return t;
                    });
    private volatile Probe last = new Probe(true, null, 0, 0);
    private final long interval;
    private final int lagLimit;

    /** The longest wait between probes while the database is unavailable. */
    private static final long WHILE_DOWN_MILLIS = 200;

    /** Used by the probes only, which run one at a time (the constructor's, then the timer's). */
    private Connection own;

    DatabaseMonitor(Database database, Availability availability, FlexProperties properties) {
        Duration interval = properties.getHealth().getProbeInterval();
        this.database = database;
        this.availability = availability;
        this.lagLimit = properties.getHealth().getFeedLagLimit();
        probe();
        this.interval = interval.toMillis();
        timer.schedule(this::probeAndRepeat, this.interval, TimeUnit.MILLISECONDS);
    }

    Probe last() {
        return last;
    }

    /**
     * Probes, then schedules the next probe: after the interval, or sooner while the database is
     * unavailable (every {@link #WHILE_DOWN_MILLIS} at most: connecting to a database that is down
     * is refused at once, and traffic should resume as soon as it is back).
     */
    private void probeAndRepeat() {
        try {
            probe();
        } finally {
            long next = last.up() ? interval : Math.min(interval, WHILE_DOWN_MILLIS);
            if (!timer.isShutdown()) {
                timer.schedule(this::probeAndRepeat, next, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void probe() {
        Probe now;
        try {
            Connection c = connection();
            if (database.vendor() == Database.Vendor.POSTGRESQL && inRecovery(c)) {
                now = new Probe(false, "the database is a standby in recovery (read-only)", 0, 0);
                closeConnection(); // the next probe connects anew, to the primary if one took over
            } else {
                now = feedLag(c);
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            now = new Probe(false, e.getClass().getSimpleName() + ": " + e.getMessage(), 0, 0);
        }
        Probe before = last;
        last = now;
        if (before.up() != now.up()) {
            if (now.up()) {
                LOG.info("Database is reachable again: taking requests");
            } else {
                LOG.warn("Database unavailable, answering 503 until it is back: {}", now.problem());
            }
        }
        availability.databaseProbed(now.up() ? null : now.problem());
    }

    /** The monitor's own connection (Database#openOwnConnection), opened when there is none. */
    private Connection connection() throws SQLException {
        if (own == null) {
            own = database.openOwnConnection();
        }
        return own;
    }

    private void closeConnection() {
        if (own != null) {
            try {
                own.close();
            } catch (SQLException | RuntimeException ignored) {
                // it was broken already
            }
            own = null;
        }
    }

    private static boolean inRecovery(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_is_in_recovery()");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Events in the log after the last one the feed has positioned, counted up to {@link #lagLimit}
     * (the first ones by global index: the probe reads at most that many index entries however far
     * the feed has fallen behind), and the age of the oldest of them.
     */
    private Probe feedLag(Connection c) throws SQLException {
        EventStore.FeedLag lag = EventStore.feedLag(c, lagLimit);
        double seconds =
                lag.events() > 0 && lag.oldest() != null
                        ? Math.max(
                                0,
                                (System.currentTimeMillis() - lag.oldest().toEpochMilli()) / 1000.0)
                        : 0;
        return new Probe(true, null, lag.events(), seconds);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        timer.shutdownNow();
        if (timer.awaitTermination(10, TimeUnit.SECONDS)) {
            closeConnection();
        }
    }
}
