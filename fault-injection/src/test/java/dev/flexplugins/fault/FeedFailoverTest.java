package dev.flexplugins.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database; the node that sequences the audit feed is killed (SIGKILL).
 * The other takes the feed over within 5 s (claim timeout 3 s, heartbeat 500 ms by default), and
 * the feed then holds every event in the log, each once.
 */
class FeedFailoverTest {

    @Test
    void theSurvivorSequencesTheFeedWithinFiveSeconds() throws Exception {
        String db = Fixtures.sharedDatabase();
        String url = Fixtures.sharedUrl(db);
        String[] credentials = Fixtures.credentials();
        ServiceProcess a =
                new ServiceProcess(
                        Fixtures.workDir("feed-a"), Fixtures.postgresEnv(url, credentials));
        ServiceProcess b =
                new ServiceProcess(
                        Fixtures.workDir("feed-b"), Fixtures.postgresEnv(url, credentials));
        try {
            a.start();
            b.start();
            try (Writers writers =
                    new Writers(a::base, credentials[0], credentials[1], 2, "before")) {
                writers.start();
                ServiceProcess.sleep(1500);
            }
            awaitFeed(url, 10_000);

            // SIGTERM releases the claim: the other node takes the feed over without waiting for it
            // to expire
            String first = feedOwner(url);
            ServiceProcess stopping = first.startsWith(a.pid() + "@") ? a : b;
            ServiceProcess other = stopping == a ? b : a;
            long termAt = System.currentTimeMillis();
            assertEquals(0, stopping.terminate(Duration.ofSeconds(60)));
            long stoppedAt = System.currentTimeMillis();
            long claimed =
                    DatabaseOutageTest.waitFor(
                            () -> String.valueOf(feedOwner(url)).startsWith(other.pid() + "@"),
                            10_000);
            System.out.printf(
                    "[fault] feed handover on SIGTERM: node stopped %d ms after the signal (grace 1 s),"
                            + " the other node held the claim %d ms after the stop%n",
                    stoppedAt - termAt, claimed - stoppedAt);
            assertTrue(claimed - stoppedAt < 3000, "the claim was released, not left to expire");
            stopping.start();

            // A write through the node that does not sequence: nothing on the sequencing node is
            // woken by its commit, which that node's reader finds at its next look at the log
            // (within the heartbeat, 0.5 s).
            createPlugin(stopping, credentials, "written-elsewhere");
            long writtenAt = System.currentTimeMillis();
            long positioned = awaitFeed(url, 10_000) - writtenAt;
            assertTrue(
                    String.valueOf(feedOwner(url)).startsWith(other.pid() + "@"),
                    "the node written through did not take the feed over");
            System.out.printf(
                    "[fault] a create through the node that does not sequence was positioned %d ms"
                            + " after its 201%n",
                    positioned);
            assertTrue(positioned < 3000, "positioned within 3 s, took " + positioned + " ms");

            String owner = feedOwner(url);
            assertNotNull(owner, "a node holds the feed's claim");
            ServiceProcess sequencer = owner.startsWith(a.pid() + "@") ? a : b;
            ServiceProcess survivor = sequencer == a ? b : a;

            long killedAt = System.currentTimeMillis();
            sequencer.kill();
            createPlugin(survivor, credentials, "after-failover");
            long caughtUp = awaitFeed(url, 20_000);
            long takeover = caughtUp - killedAt;
            String newOwner = feedOwner(url);
            System.out.printf(
                    "[fault] feed failover: sequencer %s killed; %s positioned the next event %d ms later%n",
                    owner, newOwner, takeover);
            assertTrue(
                    newOwner.startsWith(survivor.pid() + "@"),
                    "the survivor holds the claim: " + newOwner);
            assertTrue(takeover <= 5000, "the feed resumed within 5 s, took " + takeover + " ms");
            assertEquals(
                    0,
                    Fixtures.scalar(
                            url,
                            "SELECT COUNT(*) FROM (SELECT global_index FROM event_feed"
                                    + " GROUP BY global_index HAVING COUNT(*) > 1) d"),
                    "no event positioned twice");
            ServiceProcess.Result verify = survivor.run("verify");
            assertEquals(0, verify.exitCode(), verify.output());
            assertEquals(0, survivor.terminate(Duration.ofSeconds(60)));
        } finally {
            for (ServiceProcess p : List.of(a, b)) {
                p.stopQuietly();
            }
            Fixtures.dropSharedDatabase(db);
        }
    }

    private static void createPlugin(ServiceProcess node, String[] credentials, String name) {
        try (Writers writers = new Writers(node::base, credentials[0], credentials[1], 1, name)) {
            Writers.Attempt created =
                    writers.post("/v1/PluginService/Plugins", "UniqueName=" + name, name);
            assertEquals("201", created.outcome(), created.body());
        }
    }

    private static String feedOwner(String url) {
        return Fixtures.string(
                url, "SELECT owner FROM token_entry WHERE processor_name = 'event-feed'");
    }

    /** Waits until every event in the log has a feed position; returns when. */
    static long awaitFeed(String url, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Fixtures.scalar(url, "SELECT COUNT(*) FROM domain_event_entry")
                    == Fixtures.scalar(url, "SELECT COUNT(*) FROM event_feed")) {
                return System.currentTimeMillis();
            }
            ServiceProcess.sleep(20);
        }
        throw new AssertionError("the feed did not catch up within " + timeoutMillis + " ms");
    }
}
