package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as an operator meets it: {@code main} in a JVM of its own, in an empty folder (the
 * embedded database under it), with one setting wrong at a time. Each refusal is exit 2 and a first
 * line naming the variable, the value and what it accepts, and no stack trace.
 */
class StartupProblemsTest {
    @TempDir Path dir;

    record Exit(int code, String out, String err) {
        String firstLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    Process start(Map<String, String> settings, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("FLEX_"));
        builder.environment().putAll(settings);
        builder.redirectOutput(dir.resolve("out.txt").toFile());
        builder.redirectError(dir.resolve("err.txt").toFile());
        return builder.start();
    }

    Exit run(Map<String, String> settings, String... args) throws Exception {
        Process process = start(settings, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 120 s: " + settings);
        }
        return new Exit(
                process.exitValue(),
                Files.readString(dir.resolve("out.txt")),
                Files.readString(dir.resolve("err.txt")));
    }

    void assertRefused(Exit exit, String firstLine) {
        assertEquals(2, exit.code(), exit.err());
        assertEquals(firstLine, exit.firstLine());
        assertFalse(exit.err().contains("\tat "), "no stack trace: " + exit.err());
    }

    @Test
    void aValueOfTheWrongTypeOrOutOfRangeIsRefusedInOneLine() throws Exception {
        assertRefused(
                run(Map.of("FLEX_HTTP_IDLE_TIMEOUT", "abc")),
                "FLEX_HTTP_IDLE_TIMEOUT=abc: expected a duration such as 60s or 500ms");
        assertRefused(
                run(Map.of("FLEX_HTTP_REQUEST_READ_TIMEOUT", "-5s")),
                "FLEX_HTTP_REQUEST_READ_TIMEOUT=-5s: expected a duration such as 60s or 500ms");
        assertRefused(
                run(Map.of("FLEX_HTTP_MAX_CONNECTIONS", "0")),
                "FLEX_HTTP_MAX_CONNECTIONS=0: expected a whole number from 1 to 1,000,000");
        assertRefused(
                run(Map.of("FLEX_STREAMS_PER_ACCOUNT", "abc")),
                "FLEX_STREAMS_PER_ACCOUNT=abc: expected a whole number from 1 to 100,000");
        assertRefused(
                run(Map.of("FLEX_HTTP_PORT", "99999")),
                "FLEX_HTTP_PORT=99999: expected a port number from 1 to 65535");
        assertRefused(
                run(Map.of("FLEX_LOG_LEVEL", "LOUD")),
                "FLEX_LOG_LEVEL=LOUD: expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        Exit two =
                run(
                        Map.of(
                                "FLEX_AUTH_MAX_FAILURES_PER_ADDRESS", "-3",
                                "FLEX_AUTH_FAILURE_WINDOW", "forever"));
        assertRefused(
                two, "FLEX_AUTH_FAILURE_WINDOW=forever: expected a duration such as 60s or 500ms");
        assertEquals(
                List.of(
                        "FLEX_AUTH_FAILURE_WINDOW=forever: expected a duration such as 60s or 500ms",
                        "FLEX_AUTH_MAX_FAILURES_PER_ADDRESS=-3: expected a whole number from 1 to 1,000,000,000"),
                two.err().lines().toList(),
                "every problem at once");
        assertFalse(Files.exists(dir.resolve("data")), "nothing was opened");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsOneLineNamingIt() throws Exception {
        assertRefused(
                run(Map.of("FLEX_DB_URL", "jdbc:nope://x")),
                "FLEX_DB_URL=jdbc:nope://x: expected a jdbc:postgresql://host:5432/database URL (or jdbc:h2:file:PATH for the embedded database)");
        Exit refused =
                run(
                        Map.of(
                                "FLEX_DB_URL",
                                        "jdbc:postgresql://127.0.0.1:1/flex?password=hunter2",
                                "FLEX_HTTP_PORT", Integer.toString(freePort()),
                                "FLEX_GRPC_PORT", Integer.toString(freePort())));
        assertEquals(2, refused.code(), refused.err());
        assertTrue(
                refused.firstLine()
                        .startsWith(
                                "FLEX_DB_URL=jdbc:postgresql://127.0.0.1:1/flex?password=****: cannot open the database: Connection to 127.0.0.1:1 refused"),
                refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertFalse(refused.err().contains("hunter2"));
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        assertPortInUseIsOneLine(false, "cannot listen: Unable to start Micronaut server on *:");
        assertPortInUseIsOneLine(true, "cannot listen: Unable to start GRPC server");
    }

    /** Starts with the REST or the gRPC port taken; the last line explains it. */
    void assertPortInUseIsOneLine(boolean grpc, String expected) throws Exception {
        try (ServerSocket taken = new ServerSocket(freePort())) {
            String takenPort = Integer.toString(taken.getLocalPort());
            String free = Integer.toString(freePort());
            Exit exit =
                    run(
                            Map.of(
                                    "FLEX_HTTP_PORT", grpc ? free : takenPort,
                                    "FLEX_GRPC_PORT", grpc ? takenPort : free));
            assertEquals(2, exit.code(), exit.err());
            String last = exit.err().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith(expected) && last.contains(":" + takenPort), exit.err());
            assertFalse(exit.err().contains("\tat "), exit.err());
        }
    }

    @Test
    void theSettingsCommandListsValuesAndSourcesMasksSecretsAndWarnsOfTypos() throws Exception {
        Exit exit =
                run(
                        Map.of(
                                "FLEX_DB_PASSWORD", "hunter2",
                                "FLEX_FEED_BATCH_LINGER", "0",
                                "FLEX_HTTP_IDEL_TIMEOUT", "5s"),
                        "settings");
        assertEquals(0, exit.code(), exit.err());
        assertEquals(
                "warning: FLEX_HTTP_IDEL_TIMEOUT is not a setting of this service; did you mean FLEX_HTTP_IDLE_TIMEOUT? (settings: docs/configuration.md)",
                exit.firstLine());
        List<String> lines = exit.out().lines().toList();
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.matches("FLEX_DB_PASSWORD +environment +\\*\\*\\*\\*")),
                exit.out());
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("FLEX_FEED_BATCH_LINGER +environment +0")),
                exit.out());
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("FLEX_HTTP_IDLE_TIMEOUT +default +60s")),
                exit.out());
        assertFalse(exit.out().contains("hunter2"));
        assertEquals(
                2,
                run(Map.of("FLEX_HTTP_IDLE_TIMEOUT", "abc"), "settings").code(),
                "settings exits 2 when a value is refused");
    }

    @Test
    void documentedDurationsFromZeroToThirtyDaysStartTheService() throws Exception {
        int http = freePort();
        Process process =
                start(
                        Map.of(
                                "FLEX_FEED_BATCH_LINGER",
                                "0",
                                "FLEX_SHUTDOWN_GRACE",
                                "0",
                                // the longest documented duration, which Micronaut reads itself
                                "FLEX_GRPC_MAX_CONNECTION_AGE",
                                "30d",
                                "FLEX_HTTP_PORT",
                                Integer.toString(http),
                                "FLEX_GRPC_PORT",
                                Integer.toString(freePort())));
        try {
            HttpClient client = HttpClient.newHttpClient();
            int status = 0;
            for (int i = 0; i < 240 && status != 200 && process.isAlive(); i++) {
                try {
                    status =
                            client.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://127.0.0.1:"
                                                                            + http
                                                                            + "/health/readiness"))
                                                    .timeout(Duration.ofSeconds(2))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, Files.readString(dir.resolve("err.txt")));
        } finally {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    /** A port below the kernel's ephemeral range (32768-), free now. */
    static int freePort() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            try (ServerSocket probe = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // another
            }
        }
        throw new IOException("no free port");
    }
}
