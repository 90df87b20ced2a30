package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.flexplugins.application.Availability;
import dev.flexplugins.domain.api.Sids;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * What keeps acknowledged writes whole when the service is not at its best: views applied by the
 * append, answers built from the committed rows, Idempotency-Key retries, readiness and metrics,
 * and refusal while stopping. Each over real sockets against the running application.
 */
class ResilienceTest {

    /**
     * Axon stops its event processors first when the context closes, while commands may still
     * arrive. The views are applied by the append itself, not by a processor, so a command then is
     * still stored whole: its event and its view rows, or neither.
     */
    @Test
    void aCommandArrivingAfterAxonStoppedItsProcessorsIsStoredWithItsViews() {
        try (RunningService service = RunningService.start()) {
            assertEquals(201, service.post("/Plugins", "UniqueName=before").status());
            long events = service.eventCount();
            service.server
                    .getApplicationContext()
                    .getBean(Configuration.class)
                    .eventProcessingConfiguration()
                    .eventProcessors()
                    .values()
                    .forEach(EventProcessor::shutDown); // what Axon does first at shutdown

            RunningService.Reply created = service.post("/Plugins", "UniqueName=during-shutdown");
            assertEquals(201, created.status(), created.body());
            RunningService.Reply version =
                    service.post(
                            "/Plugins/before/Versions",
                            "Version=1.0.0&PluginUrl=https://a.example/b.js");
            assertEquals(201, version.status(), version.body());
            assertEquals(events + 2, service.eventCount(), "both events stored");
            assertEquals(200, service.get("/Plugins/during-shutdown").status());
            assertEquals(
                    "1.0.0",
                    service.get("/Plugins/before/Versions/1.0.0").json().get("version").asText());
        }
    }

    @Test
    void anIdempotencyKeyRetryReturnsTheFirstOutcomeAndWritesNothing() {
        try (RunningService service = RunningService.start()) {
            Map<String, String> key = Map.of("Idempotency-Key", "create-plugin-7f3a");
            RunningService.Reply first =
                    service.post(
                            "/Plugins",
                            "UniqueName=idem&FriendlyName=First",
                            service.accountSid,
                            service.authToken,
                            key);
            assertEquals(201, first.status(), first.body());
            long events = service.eventCount();

            RunningService.Reply retry =
                    service.post(
                            "/Plugins",
                            "UniqueName=idem&FriendlyName=First",
                            service.accountSid,
                            service.authToken,
                            key);
            assertEquals(
                    201,
                    retry.status(),
                    "a retry gets the first outcome, not 409: " + retry.body());
            assertEquals(first.json().get("sid"), retry.json().get("sid"));
            assertEquals(first.json().get("date_created"), retry.json().get("date_created"));
            assertEquals(events, service.eventCount(), "the retry wrote nothing");

            RunningService.Reply without = service.post("/Plugins", "UniqueName=idem");
            assertEquals(409, without.status(), "without the key, a second create is a duplicate");

            RunningService.Reply reused =
                    service.post(
                            "/Plugins",
                            "UniqueName=other",
                            service.accountSid,
                            service.authToken,
                            key);
            assertEquals(400, reused.status(), "the same key for a different request is refused");
            assertTrue(reused.json().get("message").asText().contains("create-plugin-7f3a"));
            assertEquals(events, service.eventCount());

            Map<String, String> twilio = Map.of("I-Twilio-Idempotency-Token", "version-1");
            String form = "Version=1.0.0&PluginUrl=https://a.example/b.js";
            RunningService.Reply v1 =
                    service.post(
                            "/Plugins/idem/Versions",
                            form,
                            service.accountSid,
                            service.authToken,
                            twilio);
            RunningService.Reply v2 =
                    service.post(
                            "/Plugins/idem/Versions",
                            form,
                            service.accountSid,
                            service.authToken,
                            twilio);
            assertEquals(201, v1.status(), v1.body());
            assertEquals(201, v2.status(), v2.body());
            assertEquals(v1.body(), v2.body());

            RunningService.Reply tooLong =
                    service.post(
                            "/Plugins",
                            "UniqueName=long",
                            service.accountSid,
                            service.authToken,
                            Map.of("Idempotency-Key", "k".repeat(129)));
            assertEquals(400, tooLong.status());
            assertTrue(tooLong.json().get("message").asText().contains("Idempotency-Key"));
        }
    }

    @Test
    void whileTheDatabaseIsDownEveryCallIsRefusedAtOnceAndTrafficReturnsWithIt() throws Exception {
        // the monitor's own probe is slowed down so the test decides what it last found
        try (RunningService service =
                        RunningService.start(Map.of("flex.health.probe-interval", "1h"));
                GrpcClient grpc = new GrpcClient(service)) {
            Availability availability =
                    service.server.getApplicationContext().getBean(Availability.class);
            availability.databaseProbed("Connection refused");
            RunningService.Reply read = service.get("/Plugins");
            assertEquals(503, read.status(), read.body());
            assertEquals(20503, read.json().get("code").asInt());
            assertNotNull(read.header("Retry-After"));
            StatusRuntimeException e =
                    Assertions.assertThrows(
                            StatusRuntimeException.class,
                            () ->
                                    grpc.stub(service.accountSid, service.authToken)
                                            .createPlugin(
                                                    CreatePluginRequest.newBuilder()
                                                            .setUniqueName("down")
                                                            .build()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertEquals(
                    503, service.get(service.baseUrl() + "/health/readiness", null, null).status());
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(grpc.channel);
            assertEquals(
                    ServingStatus.NOT_SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());

            availability.databaseProbed(null);
            assertEquals(200, service.get("/Plugins").status());
            assertEquals(
                    ServingStatus.SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        }
    }

    @Test
    void healthAndMetricsAnswerWithoutCredentialsAndReadinessFollowsShutdown() throws Exception {
        try (RunningService service = RunningService.start();
                GrpcClient grpc = new GrpcClient(service)) {
            RunningService.Reply ready =
                    service.get(service.baseUrl() + "/health/readiness", null, null);
            assertEquals(200, ready.status(), ready.body());
            assertEquals("UP", ready.json().get("status").asText());
            assertEquals(
                    200, service.get(service.baseUrl() + "/health/liveness", null, null).status());
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(grpc.channel);
            assertEquals(
                    ServingStatus.SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());

            service.post("/Plugins", "UniqueName=metered");
            grpc.stub(service.accountSid, service.authToken)
                    .createPlugin(
                            CreatePluginRequest.newBuilder().setUniqueName("metered-grpc").build());
            String metrics = service.get(service.baseUrl() + "/prometheus", null, null).body();
            for (String meter :
                    new String[] {
                        "http_server_requests_seconds_bucket",
                        "flex_commands_seconds_bucket",
                        "flex_events_appended_total",
                        "flex_feed_lag_events",
                        "flex_requests_inflight",
                        "grpc_server_processing_duration_seconds_bucket",
                        "hikaricp_connections_active"
                    }) {
                assertTrue(metrics.contains(meter), meter + " missing from /prometheus");
            }
            assertTrue(metrics.contains("command=\"CreatePlugin\""), "command latency by command");
            java.util.regex.Matcher appended =
                    java.util.regex.Pattern.compile(
                                    "(?m)^flex_events_appended_total(?:\\{[^}]*\\})? (\\S+)$")
                            .matcher(metrics);
            assertTrue(appended.find(), "flex_events_appended_total has a value");
            assertTrue(
                    Double.parseDouble(appended.group(1)) >= 2,
                    "the two creates' events are counted once committed: " + appended.group(0));

            Availability availability =
                    service.server.getApplicationContext().getBean(Availability.class);
            availability.enter(Availability.Phase.DRAINING);
            RunningService.Reply draining =
                    service.get(service.baseUrl() + "/health/readiness", null, null);
            assertEquals(503, draining.status(), draining.body());
            JsonNode details =
                    draining.json().get("details").get("flexPluginService").get("details");
            assertEquals("DRAINING", details.get("phase").asText());
            assertEquals(
                    ServingStatus.NOT_SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
            assertEquals(
                    200, service.get("/Plugins/metered").status(), "still serving while draining");

            availability.enter(Availability.Phase.REFUSING);
            RunningService.Reply refused = service.post("/Plugins", "UniqueName=late");
            assertEquals(503, refused.status());
            assertNotNull(refused.header("Retry-After"));
            // over a raw socket (Java's client hides Connection): the node closes the connection
            // after
            // answering, so the client's next request goes to another node
            try (Socket socket = new Socket("localhost", service.server.getPort())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream()
                        .write(
                                "GET /v1/PluginService/Plugins HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                String raw =
                        new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                                .toLowerCase(Locale.ROOT);
                assertTrue(raw.startsWith("http/1.1 503"), raw);
                assertTrue(raw.contains("connection: close"), raw);
            }
            StatusRuntimeException grpcRefused =
                    Assertions.assertThrows(
                            StatusRuntimeException.class,
                            () ->
                                    grpc.stub(service.accountSid, service.authToken)
                                            .createPlugin(
                                                    CreatePluginRequest.newBuilder()
                                                            .setUniqueName("late-grpc")
                                                            .build()));
            assertEquals(Status.Code.UNAVAILABLE, grpcRefused.getStatus().getCode());
            assertEquals(
                    0,
                    service.scalar(
                            "SELECT COUNT(*) FROM plugin_view WHERE unique_name LIKE 'late%'"));
        }
    }

    @Test
    void healthAndMetricsAnswerWhileEveryRequestThreadWaitsForTheDatabase() throws Exception {
        // the monitor's probe is slowed down (it would wait for a connection too); requests wait
        // up to 20 s for one instead of 2
        try (RunningService service =
                RunningService.start(
                        Map.of(
                                "flex.health.probe-interval", "1h",
                                "datasources.default.connection-timeout", "20000"))) {
            assertEquals(201, service.post("/Plugins", "UniqueName=busy").status());
            HikariDataSource pool =
                    service.server
                            .getApplicationContext()
                            .getBean(Database.class)
                            .dataSource()
                            .unwrap(HikariDataSource.class);
            int connections = pool.getMaximumPoolSize();
            List<Connection> held = new ArrayList<>();
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) {
                    held.add(pool.getConnection());
                }
                String basic =
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (service.accountSid + ":" + service.authToken)
                                                        .getBytes(StandardCharsets.UTF_8));
                // more requests than there are request threads, each waiting for a connection
                for (int i = 0; i < 2 * connections; i++) {
                    waiting.add(
                            client.sendAsync(
                                    HttpRequest.newBuilder(service.uri("/Plugins/busy"))
                                            .header("Authorization", basic)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() < connections
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(
                        pool.getHikariPoolMXBean().getThreadsAwaitingConnection() >= connections,
                        "every request thread waits for a connection");
                for (String path :
                        new String[] {"/health/liveness", "/health/readiness", "/prometheus"}) {
                    HttpResponse<String> probe =
                            client.send(
                                    HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, probe.statusCode(), path + ": " + probe.body());
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
            // the waiting requests were queued, not lost: each is answered once connections free up
            for (CompletableFuture<HttpResponse<String>> reply : waiting) {
                HttpResponse<String> r = reply.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            }
        }
    }

    @Test
    void aRequestLogRowLeftWithoutItsEventDoesNotBlockTheRetryOfItsRequest() {
        try (RunningService service = RunningService.start()) {
            String pluginSid =
                    service.post("/Plugins", "UniqueName=orphaned").json().get("sid").asText();
            String versionSid = Sids.pluginVersion(pluginSid, "1.0.0");
            // what the embedded database kept of a create that kill -9 interrupted (seen with
            // H2 2.3 in CrashAndShutdownCyclesTest): its request-log row, not its event
            service.execute(
                    "INSERT INTO request_log (account_sid, channel, request_id, aggregate_identifier,"
                            + " event_type, recorded_at) VALUES ('"
                            + service.accountSid
                            + "', 'rest', 'retry-after-crash', '"
                            + versionSid
                            + "', 'PluginVersionCreated', CURRENT_TIMESTAMP)");
            Map<String, String> key = Map.of("Idempotency-Key", "retry-after-crash");
            String form = "Version=1.0.0&PluginUrl=https://a.example/orphaned.js";
            RunningService.Reply retry =
                    service.post(
                            "/Plugins/orphaned/Versions",
                            form,
                            service.accountSid,
                            service.authToken,
                            key);
            assertEquals(201, retry.status(), retry.body());
            assertEquals(versionSid, retry.json().get("sid").asText());
            assertEquals(200, service.get("/Plugins/orphaned/Versions/" + versionSid).status());
            RunningService.Reply again =
                    service.post(
                            "/Plugins/orphaned/Versions",
                            form,
                            service.accountSid,
                            service.authToken,
                            key);
            assertEquals(versionSid, again.json().get("sid").asText(), again.body());
            assertEquals(
                    1,
                    service.scalar(
                            "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                                    + versionSid
                                    + "'"));
        }
    }
}
