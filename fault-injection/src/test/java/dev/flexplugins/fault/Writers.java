package dev.flexplugins.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Concurrent REST clients that create plugins and versions as a careful client does: every create
 * carries an {@code Idempotency-Key}, and a create whose outcome is unknown (no answer, 503) is
 * sent again with the same key until it gets a definite answer. Every answer is recorded, so a test
 * can check that every acknowledged resource is still there, unchanged, and that nothing failed in
 * a way a client could not handle.
 */
final class Writers implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A create the service acknowledged (201): where to fetch it and the body it answered. */
    record Acked(String path, JsonNode body) {}

    /**
     * One attempt: when it started, how long it took, and what came back (status or failure kind).
     */
    record Attempt(long startedMillis, long millis, String outcome, String body) {}

    private final Supplier<String> base;
    private final String authorization;
    private final int clients;
    private final String run;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    Writers(Supplier<String> base, String accountSid, String authToken, int clients, String run) {
        this.base = base;
        this.authorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (accountSid + ":" + authToken)
                                                .getBytes(StandardCharsets.UTF_8));
        this.clients = clients;
        this.run = run;
    }

    Writers start() {
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread t = new Thread(() -> write(client), "writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return this;
    }

    private void write(int client) {
        for (int n = 0; !stop.get(); n++) {
            String name = run + "-w" + client + "-" + n;
            JsonNode plugin =
                    create("/v1/PluginService/Plugins", "UniqueName=" + name, "p-" + name);
            if (plugin == null) {
                return;
            }
            acked.add(new Acked("/v1/PluginService/Plugins/" + plugin.get("sid").asText(), plugin));
            for (int v = 0; v < 3 && !stop.get(); v++) {
                JsonNode version =
                        create(
                                "/v1/PluginService/Plugins/"
                                        + plugin.get("sid").asText()
                                        + "/Versions",
                                "Version=1.0."
                                        + v
                                        + "&PluginUrl=https://assets.example.com/"
                                        + name
                                        + "/"
                                        + v
                                        + ".js",
                                "v-" + name + "-" + v);
                if (version == null) {
                    return;
                }
                acked.add(
                        new Acked(
                                "/v1/PluginService/Plugins/"
                                        + plugin.get("sid").asText()
                                        + "/Versions/"
                                        + version.get("sid").asText(),
                                version));
            }
        }
    }

    /**
     * Sends until the answer is definite; null when stopped first (the outcome is resolved by
     * {@link #close()}).
     */
    private JsonNode create(String path, String form, String key) {
        while (true) {
            Attempt attempt = post(path, form, key);
            switch (attempt.outcome()) {
                case "201":
                    try {
                        return JSON.readTree(attempt.body());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                case "503", "refused", "dropped", "timeout":
                    if (stop.get()) {
                        pending.add(new String[] {path, form, key});
                        return null;
                    }
                    ServiceProcess.sleep(50);
                    break;
                default:
                    return null; // recorded in outcomes; the test fails on it
            }
        }
    }

    private final ConcurrentLinkedQueue<String[]> pending = new ConcurrentLinkedQueue<>();

    Attempt post(String path, String form, String key) {
        long started = System.currentTimeMillis();
        String outcome;
        String body = null;
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base.get() + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Authorization", authorization)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Idempotency-Key", key)
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            outcome = String.valueOf(response.statusCode());
            body = response.body();
            if (response.statusCode() == 503
                    && (response.headers().firstValue("Retry-After").isEmpty()
                            || !body.contains("\"code\":20503"))) {
                outcome = "503-malformed";
            }
        } catch (ConnectException e) {
            outcome = "refused";
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
        } catch (IOException e) {
            outcome = "dropped";
            body = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        Attempt attempt = new Attempt(started, System.currentTimeMillis() - started, outcome, body);
        attempts.add(attempt);
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        return attempt;
    }

    /** A copy of the outcome counts so far. */
    Map<String, Integer> counts() {
        Map<String, Integer> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /**
     * Stops the writers; then resolves every create whose outcome was still unknown, with its key.
     */
    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends the creates left unknown at stop again (same keys) against a running service. */
    void resolvePending() {
        for (String[] p : pending) {
            for (int i = 0; i < 100; i++) {
                Attempt a = post(p[0], p[1], p[2]);
                if (a.outcome().equals("201")) {
                    try {
                        JsonNode body = JSON.readTree(a.body());
                        acked.add(new Acked(p[0] + "/" + body.get("sid").asText(), body));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    break;
                }
                if (!List.of("503", "refused", "dropped", "timeout").contains(a.outcome())) {
                    break;
                }
                ServiceProcess.sleep(100);
            }
        }
        pending.clear();
    }

    /** GET with the writers' credentials. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base.get() + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", authorization)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every acknowledged create is fetchable with exactly the body it was acknowledged with; the
     * misses.
     */
    List<String> missingOrChanged() throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        for (Acked a : acked) {
            HttpResponse<String> r = get(a.path());
            if (r.statusCode() != 200) {
                problems.add(a.path() + " -> " + r.statusCode());
            } else if (!JSON.readTree(r.body()).equals(a.body())) {
                problems.add(a.path() + " changed: acknowledged " + a.body() + " now " + r.body());
            }
        }
        return problems;
    }
}
