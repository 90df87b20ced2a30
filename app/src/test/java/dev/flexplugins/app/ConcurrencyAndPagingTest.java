package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexplugins.domain.api.Sids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Races and paging under concurrent writes, against the running service on a real database. */
class ConcurrencyAndPagingTest {
    static final int RACERS = 16;
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static <T> List<T> race(int n, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return call.apply(id);
                                }));
            }
            go.countDown();
            List<T> statuses = new ArrayList<>();
            for (Future<T> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelCreatesOfOneVersionYieldExactlyOne201() throws Exception {
        String pluginSid = service.post("/Plugins", "UniqueName=racing").json().get("sid").asText();
        for (int round = 0; round < 5; round++) {
            String version = "1.0." + round;
            List<Integer> statuses =
                    race(
                            RACERS,
                            i ->
                                    service.post(
                                                    "/Plugins/racing/Versions",
                                                    "Version="
                                                            + version
                                                            + "&PluginUrl=https://a.example/racer-"
                                                            + i
                                                            + ".js")
                                            .status());
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(
                    RACERS - 1,
                    statuses.stream().filter(s -> s == 409).count(),
                    statuses.toString());
            String aggregate = Sids.pluginVersion(pluginSid, version);
            assertEquals(
                    1,
                    service.scalar(
                            "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                                    + aggregate
                                    + "'"),
                    "one creation event in the store");
        }
    }

    /**
     * Attempts of one request (one Idempotency-Key) that overlap, as a client's retry after a
     * timeout overlaps its first attempt: every attempt is answered 201 with the one resource they
     * made, whichever committed first; none is told 409.
     */
    @Test
    void overlappingAttemptsOfOneRequestAllAnswerTheOneCreation() throws Exception {
        service.post("/Plugins", "UniqueName=retried");
        for (int round = 0; round < 10; round++) {
            String version = "2.0." + round;
            Map<String, String> key = Map.of("Idempotency-Key", "version-" + round);
            List<String> answers =
                    race(
                            RACERS,
                            i -> {
                                RunningService.Reply r =
                                        service.post(
                                                "/Plugins/retried/Versions",
                                                "Version="
                                                        + version
                                                        + "&PluginUrl=https://a.example/v.js",
                                                service.accountSid,
                                                service.authToken,
                                                key);
                                return r.status()
                                        + " "
                                        + (r.status() == 201
                                                ? r.json().get("sid").asText()
                                                : r.body());
                            });
            assertEquals(1, answers.stream().distinct().count(), answers.toString());
            assertTrue(answers.get(0).startsWith("201 FV"), answers.toString());
            Map<String, String> pluginKey = Map.of("Idempotency-Key", "plugin-" + round);
            String pluginName = "retried-" + round;
            List<String> plugins =
                    race(
                            RACERS,
                            i -> {
                                RunningService.Reply r =
                                        service.post(
                                                "/Plugins",
                                                "UniqueName=" + pluginName,
                                                service.accountSid,
                                                service.authToken,
                                                pluginKey);
                                return r.status()
                                        + " "
                                        + (r.status() == 201
                                                ? r.json().get("sid").asText()
                                                : r.body());
                            });
            assertEquals(1, plugins.stream().distinct().count(), plugins.toString());
            assertTrue(plugins.get(0).startsWith("201 FP"), plugins.toString());
            // another request (another key) for the same name is a duplicate, not a retry
            assertEquals(
                    409,
                    service.post(
                                    "/Plugins",
                                    "UniqueName=" + pluginName,
                                    service.accountSid,
                                    service.authToken,
                                    Map.of("Idempotency-Key", "another-" + round))
                            .status());
        }
    }

    @Test
    void parallelCreatesOfOneUniqueNameYieldExactlyOne201() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "same-name-" + round;
            List<Integer> statuses =
                    race(
                            RACERS,
                            i ->
                                    service.post(
                                                    "/Plugins",
                                                    "UniqueName="
                                                            + name
                                                            + "&FriendlyName=racer-"
                                                            + i)
                                            .status());
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(
                    RACERS - 1,
                    statuses.stream().filter(s -> s == 409).count(),
                    statuses.toString());
        }
    }

    @Test
    void pagingIsStableWhileVersionsAreBeingCreated() throws Exception {
        service.post("/Plugins", "UniqueName=paged");
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            existing.add(
                    service.post(
                                    "/Plugins/paged/Versions",
                                    "Version=0."
                                            + i
                                            + ".0&PluginUrl=https://a.example/"
                                            + i
                                            + ".js")
                            .json()
                            .get("sid")
                            .asText());
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer =
                new Thread(
                        () -> {
                            for (int i = 0; !stop.get() && i < 500; i++) {
                                if (service.post(
                                                        "/Plugins/paged/Versions",
                                                        "Version=1."
                                                                + i
                                                                + ".0&PluginUrl=https://a.example/new-"
                                                                + i
                                                                + ".js")
                                                .status()
                                        == 201) {
                                    written.incrementAndGet();
                                }
                            }
                        });
        writer.start();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String> order = new ArrayList<>();
        String url = "/Plugins/paged/Versions?PageSize=25";
        int pages = 0;
        try {
            while (url != null) {
                JsonNode page = service.get(url).json();
                for (JsonNode v : page.get("plugin_versions")) {
                    assertTrue(seen.add(v.get("sid").asText()), "duplicate across pages: " + v);
                    order.add(v.get("version").asText());
                }
                JsonNode next = page.get("meta").get("next_page_url");
                url = next.isNull() ? null : next.asText();
                pages++;
                Thread.sleep(20);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(pages >= 5, "walked " + pages + " pages");
        assertTrue(written.get() > 0, "versions were created during paging");
        Set<String> missing = new HashSet<>(existing);
        missing.removeAll(seen);
        assertTrue(
                missing.isEmpty(),
                "skipped " + missing.size() + " versions that existed before paging");
        // the versions that existed before paging come newest first: 0.119.0 ... 0.0.0
        List<String> old = order.stream().filter(v -> v.startsWith("0.")).toList();
        assertEquals(120, old.size());
        for (int i = 0; i < old.size(); i++) {
            assertEquals("0." + (119 - i) + ".0", old.get(i));
        }
    }

    @Test
    void underConcurrentCreatesEveryListKeyAndFeedRowNamesItsOwnEvent() throws Exception {
        for (int p = 0; p < 4; p++) {
            assertEquals(201, service.post("/Plugins", "UniqueName=keyed-" + p).status());
        }
        List<Integer> statuses =
                race(
                        RACERS,
                        i -> {
                            int created = 0;
                            for (int n = 0; n < 25; n++) {
                                created +=
                                        service.post(
                                                                        "/Plugins/keyed-"
                                                                                + (n % 4)
                                                                                + "/Versions",
                                                                        "Version=2."
                                                                                + i
                                                                                + "."
                                                                                + n
                                                                                + "&PluginUrl=https://a.example/k.js")
                                                                .status()
                                                        == 201
                                                ? 1
                                                : 0;
                            }
                            return created;
                        });
        assertEquals(RACERS * 25, statuses.stream().mapToInt(Integer::intValue).sum());
        // a list key is the global index of the event that created the row (as a replay writes it)
        assertEquals(
                0,
                service.scalar(
                        "SELECT COUNT(*) FROM plugin_version_view v WHERE v.list_key IS DISTINCT FROM"
                                + " (SELECT e.global_index FROM domain_event_entry e"
                                + " WHERE e.aggregate_identifier = v.sid AND e.sequence_number = 0)"),
                "version rows whose list key is another event's index");
        assertEquals(
                0,
                service.scalar(
                        "SELECT COUNT(*) FROM plugin_view p WHERE p.list_key IS DISTINCT FROM"
                                + " (SELECT e.global_index FROM domain_event_entry e"
                                + " WHERE e.aggregate_identifier = p.sid AND e.sequence_number = 0)"),
                "plugin rows whose list key is another event's index");
        // every event positioned once, each feed row naming its own event's index
        service.awaitFeed();
        assertEquals(
                service.eventCount(),
                service.scalar("SELECT COUNT(DISTINCT global_index) FROM event_feed"));
        assertEquals(
                0,
                service.scalar(
                        "SELECT COUNT(*) FROM event_feed f JOIN domain_event_entry e"
                                + " ON e.global_index = f.global_index"
                                + " WHERE e.aggregate_identifier <> f.resource_sid"),
                "feed rows that name another resource's event");
    }
}
