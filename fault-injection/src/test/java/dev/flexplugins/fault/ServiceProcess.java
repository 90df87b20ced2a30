package dev.flexplugins.fault;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The built jar, run as its own process in a working directory, as an operator runs it. */
final class ServiceProcess {
    static final Path JAR =
            Path.of("..", "app", "target", "flex-plugin-service.jar").toAbsolutePath().normalize();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path dir;
    final int httpPort;
    final int grpcPort;
    final Map<String, String> env;
    final Path log;
    private Process process;

    ServiceProcess(Path dir, Map<String, String> env) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: build it first (mvn -B -q -DskipTests package)");
        }
        this.dir = dir;
        this.httpPort = freePort();
        this.grpcPort = freePort();
        this.env = new HashMap<>(env);
        this.env.put("FLEX_HTTP_PORT", String.valueOf(httpPort));
        this.env.put("FLEX_GRPC_PORT", String.valueOf(grpcPort));
        this.env.putIfAbsent("FLEX_SHUTDOWN_GRACE", "1s");
        this.log = dir.resolve("service.log");
    }

    /**
     * Runs {@code java -jar flex-plugin-service.jar [args]} in the working directory with the
     * environment.
     */
    ProcessBuilder command(String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-jar",
                                JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        return builder;
    }

    /** Starts the service and waits until its readiness is UP. */
    ServiceProcess start() {
        try {
            Files.createDirectories(dir);
            process =
                    command()
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the service exited with " + process.exitValue() + ":\n" + tail());
            }
            if (readinessStatus() == 200) {
                return this;
            }
            sleep(100);
        }
        throw new IllegalStateException("the service did not become ready within 60 s:\n" + tail());
    }

    /** The HTTP status of {@code /health/readiness}, or -1 when nothing answers. */
    int readinessStatus() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(base() + "/health/readiness"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then waits for the exit code. */
    int terminate(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(
                        "the service did not stop within " + timeout + " of SIGTERM:\n" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown of any kind. */
    void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live threads of the service's JVM, from /proc. */
    int threads() {
        try {
            for (String line :
                    Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Runs an operator command (verify, replay, export) against the same database; its exit code
     * and output.
     */
    record Result(int exitCode, String output) {}

    Result run(String... args) {
        try {
            Process p = command(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    void stopQuietly() {
        if (alive()) {
            kill();
        }
    }

    /**
     * A free port below the kernel's ephemeral range (32768 and up on Linux): the writers open
     * thousands of client connections, whose ephemeral ports could otherwise take a port a service
     * is about to bind again on restart.
     */
    static int freePort() {
        Random random = new Random();
        for (int i = 0; i < 1000; i++) {
            int port = 20000 + random.nextInt(12000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
