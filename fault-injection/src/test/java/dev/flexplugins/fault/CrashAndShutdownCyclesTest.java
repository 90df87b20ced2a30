package dev.flexplugins.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 5 SIGTERM cycles then 10 SIGKILL cycles of the jar under 16 concurrent writers, on PostgreSQL and
 * on the embedded default (the README's run command, H2 under ./data). Afterwards {@code verify}
 * reports 0 differences, and every create that was ever answered 201 is fetchable with the body it
 * was answered with. SIGTERM exits 0 and leaves no request without an answer.
 */
class CrashAndShutdownCyclesTest {
    static final int WRITERS = 16;
    static final int TERM_CYCLES = 5;
    static final int KILL_CYCLES = 10;

    /**
     * Answers a careful client handles: success, retry later (503), or no answer from a dead
     * process.
     */
    static final Set<String> EXPECTED = Set.of("201", "503", "refused", "dropped", "timeout");

    @Test
    void postgres() throws Exception {
        String db = Fixtures.sharedDatabase();
        try {
            String[] credentials = Fixtures.credentials();
            ServiceProcess service =
                    new ServiceProcess(
                            Fixtures.workDir("cycles-pg"),
                            Fixtures.postgresEnv(Fixtures.sharedUrl(db), credentials));
            cycles("postgres", service, credentials);
        } finally {
            Fixtures.dropSharedDatabase(db);
        }
    }

    @Test
    void embeddedDefault() throws Exception {
        Path dir = Fixtures.workDir("cycles-h2");
        ServiceProcess service = new ServiceProcess(dir, Map.of());
        service.start();
        cycles("embedded H2", service, Fixtures.developmentCredentials(dir));
    }

    private static void cycles(String label, ServiceProcess service, String[] credentials)
            throws Exception {
        if (!service.alive()) {
            service.start();
        }
        try (Writers writers =
                new Writers(service::base, credentials[0], credentials[1], WRITERS, "run")) {
            writers.start();
            int resetAtClose = 0;
            for (int i = 1; i <= TERM_CYCLES; i++) {
                ServiceProcess.sleep(1500);
                long termAt = System.currentTimeMillis();
                int code = service.terminate(Duration.ofSeconds(60));
                assertEquals(0, code, label + ": SIGTERM exits 0\n" + service.tail());
                assertTrue(
                        service.tail().contains("Stopped cleanly")
                                && !service.tail().contains("still in flight"),
                        label
                                + ": every request the service accepted was answered before it stopped\n"
                                + service.tail());
                // A request the service had accepted and then dropped waits for it (400 ms and more
                // before the graceful listener close) and gets no answer. What may remain is a
                // connection the kernel had queued but the service never read when the listener
                // closed: closed at once, as with any server that stops listening (behind a load
                // balancer, readiness DOWN during the grace prevents it). "At once" is under 250 ms
                // on a loaded 2-core machine (107 ms seen); the service's own in-flight count,
                // asserted above, is the primary check.
                for (Writers.Attempt a : writers.attempts) {
                    if (a.outcome().equals("dropped") && a.startedMillis() >= termAt) {
                        assertTrue(
                                a.millis() < 250,
                                label
                                        + ": a request was cut off after "
                                        + a.millis()
                                        + " ms: "
                                        + a.body());
                        resetAtClose++;
                    }
                }
                writers.attempts.clear();
                service.start();
            }
            System.out.printf(
                    "[fault] %s: SIGTERM cycles: %s; connections reset as the listener closed: %d%n",
                    label, writers.counts(), resetAtClose);
            for (int i = 1; i <= KILL_CYCLES; i++) {
                ServiceProcess.sleep(1500);
                service.kill();
                service.start();
            }
            ServiceProcess.sleep(1000);
            writers.close();
            writers.resolvePending();

            Map<String, Integer> counts = writers.counts();
            System.out.printf(
                    "[fault] %s: %d SIGTERM + %d SIGKILL cycles, %d acknowledged creates, outcomes %s%n",
                    label, TERM_CYCLES, KILL_CYCLES, writers.acked.size(), counts);
            for (String outcome : counts.keySet()) {
                assertTrue(
                        EXPECTED.contains(outcome),
                        label
                                + ": unexpected answer "
                                + outcome
                                + " in "
                                + counts
                                + "\n"
                                + firstWith(writers, outcome));
            }
            assertTrue(
                    writers.acked.size() > 100,
                    label + ": too little was written to prove anything");

            List<String> problems = writers.missingOrChanged();
            assertTrue(
                    problems.isEmpty(),
                    label
                            + ": acknowledged creates lost or changed ("
                            + problems.size()
                            + "): "
                            + problems.subList(0, Math.min(5, problems.size())));
            // the embedded file can be open in one process only: verify runs after a clean stop
            // there; on PostgreSQL it runs beside the running service
            if (label.startsWith("embedded")) {
                assertEquals(0, service.terminate(Duration.ofSeconds(60)), service.tail());
            }
            ServiceProcess.Result verify = service.run("verify");
            assertEquals(
                    0,
                    verify.exitCode(),
                    label + ": verify found differences:\n" + verify.output());
            assertTrue(
                    !service.logText().contains("THE VIEWS DO NOT MATCH"),
                    label + ": start-up check found a divergence");
        } finally {
            if (service.alive()) {
                assertEquals(0, service.terminate(Duration.ofSeconds(60)));
            }
        }
    }

    static String firstWith(Writers writers, String outcome) {
        return writers.attempts.stream()
                .filter(a -> a.outcome().equals(outcome))
                .findFirst()
                .map(a -> a.outcome() + " " + a.body())
                .orElse("");
    }
}
