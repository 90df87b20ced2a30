package dev.flexplugins.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (an instance of the test's own) stops while 16 writers and a reader are busy: every
 * request is answered within 3 s with 503, a Twilio body and Retry-After; readiness and gRPC health
 * go DOWN within 5 s; threads do not pile up. When the database returns, requests succeed again
 * within 3 s without a restart, and nothing acknowledged is lost.
 */
class DatabaseOutageTest {

    @Test
    void anOutageFailsFastAndRecoversByItself() throws Exception {
        assumeTrue(
                PgInstance.available(),
                "PostgreSQL server binaries are needed for an instance of our own");
        String[] credentials = Fixtures.credentials();
        try (PgInstance pg = PgInstance.create("outage").start()) {
            pg.createDatabase("flex");
            ServiceProcess service =
                    new ServiceProcess(
                                    Fixtures.workDir("outage"),
                                    Fixtures.postgresEnv(
                                            "jdbc:postgresql://127.0.0.1:" + pg.port + "/flex",
                                            credentials))
                            .start();
            ManagedChannel channel =
                    NettyChannelBuilder.forAddress("127.0.0.1", service.grpcPort)
                            .usePlaintext()
                            .build();
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            try (Writers writers =
                    new Writers(service::base, credentials[0], credentials[1], 16, "outage")) {
                writers.start();
                ServiceProcess.sleep(2000);
                int threadsBefore = service.threads();
                writers.attempts.clear();

                long stoppedAt = System.currentTimeMillis();
                pg.stop("fast");
                long readinessDown =
                        waitFor(() -> service.readinessStatus() == 503, 10_000) - stoppedAt;
                long grpcDown =
                        waitFor(
                                        () ->
                                                health.withDeadlineAfter(2, TimeUnit.SECONDS)
                                                                .check(
                                                                        HealthCheckRequest
                                                                                .getDefaultInstance())
                                                                .getStatus()
                                                        == ServingStatus.NOT_SERVING,
                                        10_000)
                                - stoppedAt;
                ServiceProcess.sleep(6000);
                HttpResponse<String> read = writers.get("/v1/PluginService/Plugins");
                int threadsDuring = service.threads();
                List<Writers.Attempt> during = List.copyOf(writers.attempts);

                writers.attempts.clear();
                long restartedAt = System.currentTimeMillis();
                pg.start();
                long pgUp = System.currentTimeMillis();
                long firstSuccess =
                        waitFor(
                                () ->
                                        writers.attempts.stream()
                                                .anyMatch(
                                                        a ->
                                                                a.outcome().equals("201")
                                                                        && a.startedMillis()
                                                                                >= pgUp),
                                20_000);
                long readinessUp = waitFor(() -> service.readinessStatus() == 200, 20_000);
                ServiceProcess.sleep(1500);
                writers.close();
                writers.resolvePending();

                long slowest = during.stream().mapToLong(Writers.Attempt::millis).max().orElse(0);
                Map<String, Long> outcomes =
                        during.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                Writers.Attempt::outcome,
                                                TreeMap::new,
                                                Collectors.counting()));
                System.out.printf(
                        "[fault] outage: readiness DOWN after %d ms, gRPC health NOT_SERVING after %d ms;"
                                + " %d requests during the outage %s, slowest %d ms; threads %d -> %d;"
                                + " PostgreSQL back (pg_ctl start took %d ms), first 201 %d ms later, readiness UP"
                                + " %d ms later; %d acknowledged creates%n",
                        readinessDown,
                        grpcDown,
                        during.size(),
                        outcomes,
                        slowest,
                        threadsBefore,
                        threadsDuring,
                        pgUp - restartedAt,
                        firstSuccess - pgUp,
                        readinessUp - pgUp,
                        writers.acked.size());

                assertTrue(
                        readinessDown <= 5000, "readiness DOWN within 5 s, took " + readinessDown);
                assertTrue(
                        grpcDown <= 5000, "gRPC health NOT_SERVING within 5 s, took " + grpcDown);
                assertEquals(503, read.statusCode(), "reads too: " + read.body());
                assertTrue(
                        read.body().contains("\"code\":20503")
                                && read.headers().firstValue("Retry-After").isPresent(),
                        read.body());
                assertTrue(during.size() > 100, "the writers kept asking");
                for (Writers.Attempt a : during) {
                    assertTrue(
                            a.outcome().equals("503") || a.outcome().equals("201"),
                            "during the outage every answer is 503 (or a create that committed just before): "
                                    + a.outcome()
                                    + " "
                                    + a.body());
                    assertTrue(a.millis() <= 3000, "answered within 3 s, took " + a.millis());
                }
                assertTrue(
                        threadsDuring <= threadsBefore + 16,
                        "threads " + threadsBefore + " -> " + threadsDuring);
                assertTrue(
                        firstSuccess - pgUp <= 3000,
                        "first success within 3 s of the database's return");
                List<String> problems = writers.missingOrChanged();
                assertTrue(problems.isEmpty(), "acknowledged creates lost: " + problems);
                ServiceProcess.Result verify = service.run("verify");
                assertEquals(0, verify.exitCode(), verify.output());
                String log = service.logText();
                assertTrue(
                        log.contains("Database unavailable")
                                && log.contains("Database is reachable again"),
                        "the outage and the recovery are logged once each");
                // a logged stack trace starts with the exception's own line (not a dated log line)
                long traces =
                        log.lines()
                                .filter(
                                        l ->
                                                !l.startsWith("20")
                                                        && !l.startsWith("\t")
                                                        && !l.startsWith("Caused by")
                                                        && l.contains("Exception"))
                                .count();
                System.out.printf(
                        "[fault] outage: %d exceptions logged with a trace for %d refused requests%n",
                        traces, during.size());
                assertTrue(traces <= 10, "no stack trace per request: " + traces + " traces");
            } finally {
                channel.shutdownNow();
                assertEquals(0, service.terminate(Duration.ofSeconds(60)));
            }
        }
    }

    /** Polls until the condition holds; returns when it did (ms since the epoch). */
    static long waitFor(BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return System.currentTimeMillis();
                }
            } catch (RuntimeException notYet) {
                // e.g. a health call that failed: try again
            }
            ServiceProcess.sleep(50);
        }
        throw new AssertionError("condition not met within " + timeoutMillis + " ms");
    }
}
