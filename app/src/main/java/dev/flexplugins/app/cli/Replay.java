package dev.flexplugins.app.cli;

import dev.flexplugins.app.Database;
import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.projections.ConfigurationProjection;
import dev.flexplugins.projections.PluginProjection;
import dev.flexplugins.projections.PluginVersionProjection;
import dev.flexplugins.projections.RequestLogProjection;
import dev.flexplugins.projections.ViewTables;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * {@code replay}: rebuilds every view from the log into the views' {@code _rebuild} twins while the
 * service keeps answering from the live ones, then, with writers held for the final catch-up, swaps
 * the names. Prints a progress line every two seconds.
 */
final class Replay {
    private static final int BATCH = 2000;

    private final Database database;
    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final AxonEventStorage engine;
    private final PrintStream out;

    Replay(
            Database database,
            ConnectionProvider connections,
            TransactionManager transactions,
            AxonEventStorage engine,
            PrintStream out) {
        this.database = database;
        this.connections = connections;
        this.transactions = transactions;
        this.engine = engine;
        this.out = out;
    }

    int run() throws SQLException {
        long started = System.nanoTime();
        long total = engine.store().count();
        out.printf("replay: rebuilding %s from %d events%n", ViewTables.ALL, total);
        clearTwins();
        PluginProjection plugins = new PluginProjection(connections, ViewTables.REBUILD);
        PluginVersionProjection versions =
                new PluginVersionProjection(connections, ViewTables.REBUILD);
        RequestLogProjection requests = new RequestLogProjection(connections, ViewTables.REBUILD);
        ConfigurationProjection configurations =
                new ConfigurationProjection(connections, ViewTables.REBUILD);
        Twins handlers =
                new Twins(
                        List.of(
                                new AnnotationEventHandlerAdapter(plugins),
                                new AnnotationEventHandlerAdapter(versions),
                                new AnnotationEventHandlerAdapter(requests),
                                new AnnotationEventHandlerAdapter(configurations)),
                        () -> {
                            plugins.flush();
                            versions.flush();
                            requests.flush();
                            configurations.flush();
                        });
        Progress progress = new Progress(total, started);

        // 1. Everything in the log now, while writers carry on.
        TrackingToken token =
                database.vendor() == Database.Vendor.POSTGRESQL
                        ? bulkLoad(handlers, progress)
                        : apply(null, handlers, progress);

        // 2. Hold writers, apply what committed meanwhile (including late commits below the last
        //    index seen, which the gap-aware token re-reads), and swap the tables.
        Transaction tx = transactions.startTransaction();
        String release = null;
        try (Connection c = connections.getConnection();
                Statement s = c.createStatement()) {
            release = engine.store().holdAppends(c);
            token = applyInCurrentTransaction(token, handlers, progress);
            for (String view : ViewTables.ALL) {
                s.execute("ALTER TABLE " + view + " RENAME TO " + view + "_swap");
                s.execute("ALTER TABLE " + view + "_rebuild RENAME TO " + view);
                s.execute("ALTER TABLE " + view + "_swap RENAME TO " + view + "_rebuild");
            }
            tx.commit();
        } catch (SQLException | RuntimeException e) {
            tx.rollback();
            throw e;
        } finally {
            if (release != null) {
                try (Connection c = connections.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute(release);
                }
            }
        }
        clearTwins();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
                "replay: done: %d events in %.1f s (%.0f events/s); the service now answers from the rebuilt"
                        + " views%n",
                progress.done, seconds, progress.done / Math.max(seconds, 1e-9));
        return 0;
    }

    /**
     * PostgreSQL: the whole first pass in one transaction, the twins' indexes dropped first and
     * built after the last row (see {@link TwinIndexes}); the chunks' own transactions join it.
     */
    private TrackingToken bulkLoad(Twins handlers, Progress progress) throws SQLException {
        Transaction load = transactions.startTransaction();
        try (Connection c = connections.getConnection()) {
            TwinIndexes indexes =
                    TwinIndexes.drop(
                            c, ViewTables.ALL.stream().map(ViewTables.REBUILD::name).toList());
            TrackingToken token = apply(null, handlers, progress);
            long building = System.nanoTime();
            indexes.build(c);
            out.printf(
                    "replay: built %d indexes in %.1f s%n",
                    indexes.count(), (System.nanoTime() - building) / 1e9);
            load.commit();
            return token;
        } catch (SQLException | RuntimeException e) {
            load.rollback();
            throw e;
        }
    }

    /**
     * Applies the log from {@code from} to its end, one transaction per chunk, with the next chunks
     * read and deserialized meanwhile on another thread ({@link ReadAhead}).
     */
    private TrackingToken apply(TrackingToken from, Twins handlers, Progress progress) {
        TrackingToken token = from;
        try (ReadAhead reader = new ReadAhead(engine, from, BATCH)) {
            for (ReadAhead.Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                Transaction tx = transactions.startTransaction();
                try {
                    for (EventMessage<?> event : chunk.events()) {
                        handle(handlers, event);
                    }
                    handlers.flush().run();
                    tx.commit();
                } catch (RuntimeException e) {
                    tx.rollback();
                    throw e;
                }
                token = chunk.token();
                progress.add(chunk.events().size(), out);
            }
        }
        return token;
    }

    private TrackingToken applyInCurrentTransaction(
            TrackingToken from, Twins handlers, Progress progress) {
        TrackingToken token = from;
        int applied = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
            for (Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
                    it.hasNext(); ) {
                TrackedEventMessage<?> event = it.next();
                handle(handlers, event); // with its global index (the engine's reads)
                token = event.trackingToken();
                applied++;
            }
        }
        handlers.flush().run();
        progress.add(applied, out);
        return token;
    }

    /** The twins' projections, and what sends the rows they still batch. */
    private record Twins(List<AnnotationEventHandlerAdapter> projections, Runnable flush) {}

    private static void handle(Twins handlers, EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter handler : handlers.projections()) {
            try {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException(
                        "replay failed at event " + event.getIdentifier() + ": " + e.getMessage(),
                        e);
            }
        }
    }

    private void clearTwins() throws SQLException {
        Transaction tx = transactions.startTransaction();
        try (Connection c = connections.getConnection();
                Statement s = c.createStatement()) {
            // TRUNCATE, not DELETE: after a swap the twin holds the whole previous view, and
            // deleting it row by row left as many dead rows (and index entries) for the next
            // rebuild to wade through. The twins are read by no one but this command.
            for (String view : ViewTables.ALL) {
                s.execute("TRUNCATE TABLE " + ViewTables.REBUILD.name(view));
            }
            tx.commit();
        } catch (SQLException | RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /** events done/total, rate and ETA, printed every two seconds. */
    private static final class Progress {
        final long total;
        final long started;
        long done;
        long lastPrint;

        Progress(long total, long started) {
            this.total = total;
            this.started = started;
            this.lastPrint = started;
        }

        void add(int events, PrintStream out) {
            done += events;
            long now = System.nanoTime();
            if (now - lastPrint >= 2_000_000_000L) {
                lastPrint = now;
                double seconds = (now - started) / 1e9;
                double rate = done / seconds;
                long left = Math.max(0, total - done);
                out.printf(
                        "replay: %d/%d events (%.0f%%), %.0f events/s, ETA %.0f s%n",
                        done,
                        total,
                        total == 0 ? 100.0 : 100.0 * done / total,
                        rate,
                        rate > 0 ? left / rate : 0.0);
            }
        }
    }
}
