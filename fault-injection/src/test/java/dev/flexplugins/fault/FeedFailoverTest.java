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
            String first =
                    Fixtures.string(
                            url,
                            "SELECT owner FROM token_entry WHERE processor_name = 'event-feed'");
            ServiceProcess stopping = first.startsWith(a.pid() + "@") ? a : b;
            ServiceProcess other = stopping == a ? b : a;
            long termAt = System.currentTimeMillis();
            assertEquals(0, stopping.terminate(Duration.ofSeconds(60)));
            long stoppedAt = System.currentTimeMillis();
            long claimed =
                    DatabaseOutageTest.waitFor(
                            () ->
                                    String.valueOf(
                                                    Fixtures.string(
                                                            url,
                                                            "SELECT owner FROM token_entry WHERE processor_name = 'event-feed'"))
                                            .startsWith(other.pid() + "@"),
                            10_000);
            System.out.printf(
                    "[fault] feed handover on SIGTERM: node stopped %d ms after the signal (grace 1 s),"
                            + " the other node held the claim %d ms after the stop%n",
                    stoppedAt - termAt, claimed - stoppedAt);
            assertTrue(claimed - stoppedAt < 3000, "the claim was released, not left to expire");
            stopping.start();

            String owner =
                    Fixtures.string(
                            url,
                            "SELECT owner FROM token_entry WHERE processor_name = 'event-feed'");
            assertNotNull(owner, "a node holds the feed's claim");
            ServiceProcess sequencer = owner.startsWith(a.pid() + "@") ? a : b;
            ServiceProcess survivor = sequencer == a ? b : a;

            long killedAt = System.currentTimeMillis();
            sequencer.kill();
            try (Writers writers =
                    new Writers(survivor::base, credentials[0], credentials[1], 1, "after")) {
                Writers.Attempt created =
                        writers.post(
                                "/v1/PluginService/Plugins",
                                "UniqueName=after-failover",
                                "after-failover");
                assertEquals("201", created.outcome(), created.body());
            }
            long caughtUp = awaitFeed(url, 20_000);
            long takeover = caughtUp - killedAt;
            String newOwner =
                    Fixtures.string(
                            url,
                            "SELECT owner FROM token_entry WHERE processor_name = 'event-feed'");
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
