package dev.flexplugins.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A primary and a synchronous streaming standby (instances of the test's own); the service connects
 * with a multi-host URL ({@code targetServerType=primary}). Under 16 writers the primary dies
 * (immediate stop, as a crash) and the standby is promoted: the service keeps writing without a
 * restart, and every create acknowledged before, during or after the failover is on the new
 * primary.
 */
class PostgresFailoverTest {

    @Test
    void promotingTheStandbyKeepsTheServiceWritingAndLosesNothing() throws Exception {
        assumeTrue(
                PgInstance.available(),
                "PostgreSQL server binaries are needed for instances of our own");
        String[] credentials = Fixtures.credentials();
        try (PgInstance primary = PgInstance.create("primary")) {
            primary.start();
            primary.createDatabase("flex");
            try (PgInstance standby = PgInstance.standbyOf(primary, "standby1").start()) {
                // from now on a commit on the primary waits until the standby has flushed it
                primary.configure(
                        "synchronous_standby_names = 'standby1'", "synchronous_commit = on");
                primary.reload();
                DatabaseOutageTest.waitFor(
                        () ->
                                Fixtures.scalar(
                                                primary.adminUrl(),
                                                "SELECT COUNT(*) FROM"
                                                        + " pg_stat_replication WHERE sync_state = 'sync'")
                                        == 1,
                        30_000);
                String url =
                        "jdbc:postgresql://127.0.0.1:"
                                + primary.port
                                + ",127.0.0.1:"
                                + standby.port
                                + "/flex?targetServerType=primary";
                ServiceProcess service =
                        new ServiceProcess(
                                        Fixtures.workDir("failover"),
                                        Fixtures.postgresEnv(url, credentials))
                                .start();
                try (Writers writers =
                        new Writers(
                                service::base, credentials[0], credentials[1], 16, "failover")) {
                    writers.start();
                    ServiceProcess.sleep(3000);
                    int before = writers.acked.size();
                    writers.attempts.clear();
                    long crashedAt = System.currentTimeMillis();
                    primary.stop("immediate");
                    standby.promote();
                    long promotedAt = System.currentTimeMillis();
                    long resumed =
                            DatabaseOutageTest.waitFor(
                                    () ->
                                            writers.attempts.stream()
                                                    .anyMatch(
                                                            a ->
                                                                    a.outcome().equals("201")
                                                                            && a.startedMillis()
                                                                                    >= promotedAt),
                                    30_000);
                    ServiceProcess.sleep(3000);
                    writers.close();
                    writers.resolvePending();
                    Map<String, Integer> counts = writers.counts();
                    System.out.printf(
                            "[fault] PostgreSQL failover: %d creates acknowledged before the crash, %d in"
                                    + " all; primary stopped and standby promoted in %d ms; first 201 on the new"
                                    + " primary %d ms after promotion; outcomes %s%n",
                            before,
                            writers.acked.size(),
                            promotedAt - crashedAt,
                            resumed - promotedAt,
                            counts);
                    for (String outcome : counts.keySet()) {
                        assertTrue(
                                List.of("201", "503").contains(outcome),
                                "unexpected answer "
                                        + outcome
                                        + " "
                                        + CrashAndShutdownCyclesTest.firstWith(writers, outcome));
                    }
                    assertTrue(resumed - promotedAt <= 10_000, "writing again without a restart");
                    List<String> problems = writers.missingOrChanged();
                    assertTrue(
                            problems.isEmpty(),
                            "acknowledged creates lost in the failover ("
                                    + problems.size()
                                    + "): "
                                    + problems.subList(0, Math.min(5, problems.size())));
                    ServiceProcess.Result verify = service.run("verify");
                    assertEquals(0, verify.exitCode(), verify.output());
                } finally {
                    assertEquals(0, service.terminate(Duration.ofSeconds(60)));
                }
            }
        }
    }
}
