package dev.flexplugins.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.application.Accounts;
import dev.flexplugins.projections.EventFeedSequencer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;

/**
 * The whole application, started on a random port over a fresh database, and an HTTP client that
 * talks to it over a real socket as an account would.
 */
final class RunningService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase database;
    final EmbeddedServer server;
    final String accountSid;
    final String authToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningService(
            TestDatabase database, EmbeddedServer server, String accountSid, String authToken) {
        this.database = database;
        this.server = server;
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    static RunningService start() {
        return start(Map.of());
    }

    static RunningService start(Map<String, Object> extra) {
        TestDatabase database = TestDatabase.create();
        String[] credentials = Accounts.newCredentials();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        // 0: the gRPC server binds a port the kernel picks at bind time. A port found free
        // beforehand could be taken meanwhile (an outgoing connection's local port, say).
        props.put("grpc.server.port", 0);
        props.put("datasources.default.url", database.url);
        props.put("datasources.default.username", database.user);
        props.put("datasources.default.password", database.password);
        props.put("flex.bootstrap.account-sid", credentials[0]);
        props.put("flex.bootstrap.auth-token", credentials[1]);
        props.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        return new RunningService(database, server, credentials[0], credentials[1]);
    }

    /** The port the gRPC server is bound to. */
    int grpcPort() {
        return server.getApplicationContext().getBean(GrpcEmbeddedServer.class).getPort();
    }

    /**
     * Stops this node's feed sequencer: events committed from now on stay in the log, unpositioned,
     * until something else positions them.
     */
    void stopFeedSequencer() {
        server.getApplicationContext()
                .getBean(Configuration.class)
                .eventProcessingConfiguration()
                .eventProcessor(EventFeedSequencer.PROCESSOR)
                .orElseThrow()
                .shutDown();
    }

    /** Another account on the same service, for isolation tests. */
    String[] newAccount() {
        String[] credentials = Accounts.newCredentials();
        server.getApplicationContext()
                .getBean(Accounts.class)
                .put(credentials[0], credentials[1], "test");
        return credentials;
    }

    String baseUrl() {
        return "http://localhost:" + server.getPort();
    }

    String api() {
        return baseUrl() + "/v1/PluginService";
    }

    /** A response as a client sees it: status, headers, body, and the body parsed as JSON. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), accountSid, authToken);
    }

    Reply get(String pathOrUrl, String sid, String token) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), sid, token);
    }

    /**
     * POST a form body exactly as given (already encoded by the caller, or raw like the Flex CLI).
     */
    Reply post(String pathOrUrl, String formBody) {
        return post(pathOrUrl, formBody, accountSid, authToken, Map.of());
    }

    Reply post(
            String pathOrUrl,
            String formBody,
            String sid,
            String token,
            Map<String, String> headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri(pathOrUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        formBody, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b, sid, token);
    }

    Reply send(HttpRequest.Builder builder, String sid, String token) {
        if (sid != null) {
            builder.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (sid + ":" + token).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r =
                    http.send(
                            builder.timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : api() + pathOrUrl);
    }

    /** Rows in the event store, straight from the database. */
    long eventCount() {
        return scalar("SELECT COUNT(*) FROM domain_event_entry");
    }

    /** One connection for the test's own queries (opening one per query is slow on PostgreSQL). */
    private Connection probe;

    /** The global index of a resource's first event in the log. */
    long globalIndexOf(String aggregateSid) {
        return scalar(
                "SELECT MIN(global_index) FROM domain_event_entry WHERE aggregate_identifier = '"
                        + aggregateSid
                        + "'");
    }

    synchronized long scalar(String sql) {
        try {
            if (probe == null || probe.isClosed() || !probe.isValid(2)) {
                probe = database.connect();
            }
            try (Statement s = probe.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A connection of the test's own, to hold a transaction open beside the service. */
    Connection connect() throws SQLException {
        return database.connect();
    }

    void execute(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Runs an operator command (replay, verify, export) against this service's database,
     * in-process.
     */
    record CommandResult(int exitCode, String out, String err) {}

    CommandResult command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", database.url);
        props.put("datasources.default.username", database.user);
        props.put("datasources.default.password", database.password);
        props.put("flex.public-base-url", baseUrl());
        int code =
                dev.flexplugins.app.cli.Cli.run(
                        args,
                        props,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandResult(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Waits until the feed holds every event in the log (the sequencer runs moments behind
     * commits).
     */
    void awaitFeed() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (scalar("SELECT COUNT(*) FROM domain_event_entry")
                != scalar("SELECT COUNT(*) FROM event_feed")) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the feed did not catch up with the log");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (probe != null) {
                try {
                    probe.close();
                } catch (SQLException ignored) {
                    // the database is being dropped anyway
                }
            }
        }
        server.getApplicationContext().close();
        database.close();
    }
}
