package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.transaction.jdbc.DataSourceTransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed sequencer's batch carried by a committing command's transaction: under concurrent
 * creates the batches ride on commands' commits and every event is positioned once, in a dense
 * sequence; and the exchange itself, on the test's database: the batch's rows commit with the
 * host's, a batch that rolls back leaves the host's work committed, and a host that fails to commit
 * fails the batch too.
 */
class FeedHostingTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        service.execute("CREATE TABLE hosting_probe (id VARCHAR(40) PRIMARY KEY)");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void concurrentCreatesCarryTheFeedsBatchesAndEveryEventIsPositionedOnce() throws Exception {
        String plugin = service.post("/Plugins", "UniqueName=hosted").json().get("sid").asText();
        long before = feedTransactions("hosted");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> creates = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                creates.add(
                        clients.submit(
                                () -> {
                                    for (int i = 0; i < 40; i++) {
                                        int status =
                                                service.post(
                                                                "/Plugins/" + plugin + "/Versions",
                                                                "Version=1."
                                                                        + thread
                                                                        + "."
                                                                        + i
                                                                        + "&PluginUrl=https%3A%2F%2Fa.example.com%2Fp.js")
                                                        .status();
                                        if (status != 201) {
                                            return status;
                                        }
                                    }
                                    return 201;
                                }));
            }
            for (Future<Integer> create : creates) {
                assertEquals(201, create.get());
            }
        } finally {
            clients.shutdown();
        }
        service.awaitFeed();
        long events = service.scalar("SELECT COUNT(*) FROM domain_event_entry");
        assertEquals(events, service.scalar("SELECT COUNT(*) FROM event_feed"));
        assertEquals(events, service.scalar("SELECT COUNT(DISTINCT global_index) FROM event_feed"));
        assertEquals(events, service.scalar("SELECT MAX(position) FROM event_feed"));
        assertTrue(
                feedTransactions("hosted") > before,
                "some of the feed's batches were carried by a command's commit");
        RunningService.CommandResult verify = service.command("verify");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    }

    @Test
    void aHostedBatchCommitsWithItsHost() throws Exception {
        Exchange exchange = new Exchange(false);
        Transaction batch = exchange.hosted("batch-1");
        batch.commit();
        exchange.hostDone();
        assertNull(exchange.hostFailure);
        assertEquals(1, count("batch-1"));
        assertEquals(1, count(exchange.hostRow));
    }

    @Test
    void aBatchThatRollsBackLeavesItsHostsWorkCommitted() throws Exception {
        Exchange exchange = new Exchange(false);
        Transaction batch = exchange.hosted("batch-2");
        batch.rollback();
        exchange.hostDone();
        assertNull(exchange.hostFailure);
        assertEquals(0, count("batch-2"));
        assertEquals(1, count(exchange.hostRow));
    }

    @Test
    void aHostThatFailsToCommitFailsTheBatch() throws Exception {
        Exchange exchange = new Exchange(true);
        Transaction batch = exchange.hosted("batch-3");
        assertThrows(IllegalStateException.class, batch::commit);
        exchange.hostDone();
        assertTrue(exchange.hostFailure != null, "the host's commit failed");
        assertEquals(0, count("batch-3"));
        assertEquals(0, count(exchange.hostRow));
    }

    private static long count(String id) {
        return service.scalar("SELECT COUNT(*) FROM hosting_probe WHERE id = '" + id + "'");
    }

    private static long feedTransactions(String commit) {
        String metrics = service.get(service.baseUrl() + "/prometheus", null, null).body();
        Matcher m =
                Pattern.compile(
                                "flex_feed_transactions_total\\{commit=\""
                                        + commit
                                        + "\"[^}]*\\} ([0-9.eE+]+)")
                        .matcher(metrics);
        assertTrue(m.find(), "flex_feed_transactions_total{commit=\"" + commit + "\"}");
        return (long) Double.parseDouble(m.group(1));
    }

    /**
     * A sequencer's thread (the test's) and a host: transactions on the service's database through
     * a hosting exchange of the test's own, so the service's sequencer does not take part.
     */
    static final class Exchange {
        final FeedHosting hosting = new FeedHosting(Duration.ofSeconds(10));
        final MicronautTransactions transactions;
        final ExecutorService hostThread = Executors.newSingleThreadExecutor();
        final AtomicBoolean stop = new AtomicBoolean();
        volatile long hostedBefore = Long.MAX_VALUE;
        volatile String hostRow;
        volatile Exception hostFailure;
        Future<?> host;

        Exchange(boolean hostCommitFails) {
            var context = service.server.getApplicationContext();
            transactions =
                    new MicronautTransactions(
                            context.getBean(DataSourceTransactionManager.class),
                            context.getBean(Database.class).dataSource(),
                            () -> {
                                if (hostCommitFails && hosting.hostedBatches() > hostedBefore) {
                                    throw new IllegalStateException("refused by the test");
                                }
                            },
                            () -> null,
                            hosting);
        }

        /**
         * Commands commit one after another until one carries the batch; the batch writes {@code
         * id} on the lent connection and is returned to be committed or rolled back.
         */
        Transaction hosted(String id) throws Exception {
            hostedBefore = hosting.hostedBatches();
            host =
                    hostThread.submit(
                            () -> {
                                for (int i = 0; !stop.get(); i++) {
                                    String row = id + "-host-" + i;
                                    Transaction tx = transactions.startTransaction();
                                    insert(row);
                                    try {
                                        tx.commit();
                                    } catch (RuntimeException e) {
                                        tx.rollback();
                                        hostRow = row;
                                        hostFailure = e;
                                        return null;
                                    }
                                    if (hosting.hostedBatches() > hostedBefore) {
                                        hostRow = row; // this commit carried the batch
                                        return null;
                                    }
                                }
                                return null;
                            });
            TransactionManager feed = transactions.feedTransactions();
            long deadline = System.currentTimeMillis() + 10_000;
            while (hosting.hostedBatches() == hostedBefore) {
                Transaction tx = feed.startTransaction();
                if (hosting.hostedBatches() > hostedBefore) {
                    insert(id);
                    return tx;
                }
                tx.rollback(); // a transaction of its own: no host was committing
                if (System.currentTimeMillis() >= deadline) {
                    stop.set(true); // the commands' loop ends too
                    throw new AssertionError("no command hosted the batch");
                }
            }
            throw new AssertionError("unreachable");
        }

        void hostDone() throws Exception {
            host.get();
            hostThread.shutdown();
        }

        private void insert(String id) {
            try (Connection c = transactions.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement("INSERT INTO hosting_probe (id) VALUES (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
    }
}
