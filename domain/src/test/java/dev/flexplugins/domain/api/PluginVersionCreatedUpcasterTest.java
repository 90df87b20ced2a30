package dev.flexplugins.domain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

/**
 * A PluginVersionCreated in its first stored form (no revision, "privateBundle") reads as revision
 * 2.
 */
class PluginVersionCreatedUpcasterTest {
    static final String OLD_FORM =
            "{\"versionSid\":\"FV00000000000000000000000000000001\","
                    + "\"accountSid\":\"AC00000000000000000000000000000001\","
                    + "\"pluginSid\":\"FP00000000000000000000000000000001\",\"version\":\"1.0.0\","
                    + "\"pluginUrl\":\"https://a.example/b.js\",\"changelog\":\"old\",\"privateBundle\":true,"
                    + "\"cliVersion\":\"6.3.2\",\"validateStatus\":\"success\",\"validated\":true}";

    private static List<TrackedEventMessage<?>> read(String payload, String revision) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        GenericDomainEventEntry<byte[]> stored =
                new GenericDomainEventEntry<>(
                        "PluginVersionAggregate",
                        "FV00000000000000000000000000000001",
                        0,
                        "e-1",
                        Instant.parse("2026-11-28T10:00:00Z"),
                        PluginVersionCreated.class.getName(),
                        revision,
                        payload.getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8));
        var tracked =
                new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(1, List.of()), stored);
        return EventUtils.upcastAndDeserializeTrackedEvents(
                        Stream.of(tracked),
                        serializer,
                        new EventUpcasterChain(new PluginVersionCreatedUpcaster()))
                .toList();
    }

    @Test
    void theFirstStoredFormReadsAsTheCurrentOne() {
        List<TrackedEventMessage<?>> events = read(OLD_FORM, null);
        assertEquals(1, events.size());
        PluginVersionCreated event = (PluginVersionCreated) events.get(0).getPayload();
        assertTrue(event.requiresAuthorization(), "privateBundle became requiresAuthorization");
        assertEquals("1.0.0", event.version());
        assertEquals("success", event.validateStatus());
    }

    @Test
    void theCurrentFormIsLeftAlone() {
        String current =
                OLD_FORM.replace("privateBundle", "requiresAuthorization")
                        .replace(":true,\"cliVersion", ":false,\"cliVersion");
        PluginVersionCreated event = (PluginVersionCreated) read(current, "2").get(0).getPayload();
        assertEquals(false, event.requiresAuthorization());
    }
}
