package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed's lag as readiness and metrics report it: events the feed has not positioned, counted up
 * to {@code flex.health.feed-lag-limit} (here 3) so that the probe's cost stays bounded.
 */
class FeedLagTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service =
                RunningService.start(
                        Map.of(
                                "flex.health.feed-lag-limit", "3",
                                "flex.health.probe-interval", "100ms"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theLagCountsUnpositionedEventsUpToTheLimit() throws Exception {
        service.post("/Plugins", "UniqueName=lag-0");
        service.awaitFeed();
        awaitLag(0);

        service.stopFeedSequencer();
        service.post("/Plugins", "UniqueName=lag-1");
        service.post("/Plugins", "UniqueName=lag-2");
        JsonNode two = awaitLag(2);
        assertTrue(two.get("feedLagSeconds").asDouble() >= 0, two.toString());

        for (int i = 3; i <= 6; i++) {
            service.post("/Plugins", "UniqueName=lag-" + i);
        }
        assertEquals(
                6,
                service.scalar("SELECT COUNT(*) FROM domain_event_entry")
                        - service.scalar("SELECT COUNT(*) FROM event_feed"));
        awaitLag(3); // six behind, counted up to the limit
        Thread.sleep(300); // a few more probes: still the limit
        assertEquals(3, readiness().get("feedLagEvents").asLong());
        String metrics = service.get(service.baseUrl() + "/prometheus", null, null).body();
        assertTrue(
                metrics.lines()
                        .anyMatch(
                                line ->
                                        line.startsWith("flex_feed_lag_events")
                                                && line.endsWith(" 3.0")),
                metrics);
    }

    private static JsonNode readiness() {
        RunningService.Reply reply =
                service.get(service.baseUrl() + "/health/readiness", null, null);
        return reply.json().get("details").get("flexPluginService").get("details");
    }

    private static JsonNode awaitLag(long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode details = readiness();
        while (details.get("feedLagEvents").asLong() != expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("feedLagEvents never became " + expected + ": " + details);
            }
            Thread.sleep(50);
            details = readiness();
        }
        return details;
    }
}
