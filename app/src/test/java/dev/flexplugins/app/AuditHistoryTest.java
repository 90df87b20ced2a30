package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexplugins.grpc.v1.ArchivePluginVersionRequest;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.GetPluginVersionRequest;
import dev.flexplugins.grpc.v1.ListEventsRequest;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.StreamEventsRequest;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit history, feed, stream and time travel, over HTTP and gRPC against the running service.
 */
class AuditHistoryTest {
    static RunningService service;
    static GrpcClient grpc;
    static PluginServiceGrpc.PluginServiceBlockingStub stub;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        grpc = new GrpcClient(service);
        stub = grpc.stub(service.accountSid, service.authToken);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        grpc.close();
        service.close();
    }

    @Test
    void aVersionsHistoryThroughBothFacadesSaysWhoWhenAndHow() {
        service.post("/Plugins", "UniqueName=audited-both");
        RunningService.Reply created =
                service.post(
                        "/Plugins/audited-both/Versions",
                        "Version=1.0.0&PluginUrl=https://a.example/a.js&Private=true&CliVersion=6.3.2",
                        service.accountSid,
                        service.authToken,
                        Map.of("Flex-Metadata", "flex-plugins-cli deploy"));
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("flex-metadata", Metadata.ASCII_STRING_MARSHALLER), "release-bot");
        stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .archivePluginVersion(
                        ArchivePluginVersionRequest.newBuilder()
                                .setPlugin("audited-both")
                                .setVersion("1.0.0")
                                .setRequestId("archive-audited-1")
                                .build());

        JsonNode history = service.get("/Plugins/audited-both/Versions/1.0.0/Events").json();
        assertEquals("events", history.get("meta").get("key").asText());
        JsonNode events = history.get("events");
        assertEquals(2, events.size());
        JsonNode first = events.get(0);
        assertEquals("plugin_version.created", first.get("type").asText());
        assertEquals(0, first.get("sequence").asInt());
        assertEquals("rest", first.get("channel").asText());
        assertEquals(created.header("Twilio-Request-Id"), first.get("request_id").asText());
        assertEquals(service.accountSid, first.get("actor").asText());
        assertEquals(service.accountSid, first.get("account_sid").asText());
        assertEquals("flex-plugins-cli deploy", first.get("flex_metadata").asText());
        assertEquals("1.0.0", first.get("data").get("version").asText());
        assertTrue(first.get("data").get("requires_authorization").asBoolean());
        assertEquals("6.3.2", first.get("data").get("cli_version").asText());
        assertTrue(
                Instant.parse(first.get("occurred_at").asText())
                        .isBefore(Instant.now().plusSeconds(1)));
        JsonNode second = events.get(1);
        assertEquals("plugin_version.archived", second.get("type").asText());
        assertEquals(1, second.get("sequence").asInt());
        assertEquals("grpc", second.get("channel").asText());
        assertEquals("archive-audited-1", second.get("request_id").asText());
        assertEquals("release-bot", second.get("flex_metadata").asText());
        assertTrue(second.get("position").asLong() > first.get("position").asLong());
        assertEquals(
                first,
                service.get(first.get("url").asText()).json(),
                "each event's url fetches it");

        JsonNode pluginHistory = service.get("/Plugins/audited-both/Events").json().get("events");
        assertEquals(1, pluginHistory.size());
        assertEquals("plugin.created", pluginHistory.get(0).get("type").asText());
    }

    @Test
    void theFeedFiltersByResourceAndType() {
        String sid = service.post("/Plugins", "UniqueName=feed-filter").json().get("sid").asText();
        service.post("/Plugins/feed-filter", "Description=changed");
        service.post("/Plugins/feed-filter/Archive", "");
        service.awaitFeed();
        JsonNode mine = service.get("/Events?ResourceSid=" + sid).json().get("events");
        assertEquals(List.of("plugin.created", "plugin.updated", "plugin.archived"), types(mine));
        JsonNode archived =
                service.get("/Events?Type=plugin.archived&ResourceSid=" + sid).json().get("events");
        assertEquals(1, archived.size());
        PluginsRestTest.assertTwilioError(service.get("/Events?Type=not%20a%20type"), 400, 20001);
        PluginsRestTest.assertTwilioError(service.get("/Events?After=-3"), 400, 20001);
        PluginsRestTest.assertTwilioError(service.get("/Events/999999999"), 404, 20404);

        var grpcPage =
                stub.listEvents(
                        ListEventsRequest.newBuilder().setResourceSid(sid).setPageSize(2).build());
        assertEquals(2, grpcPage.getEventsCount());
        assertEquals("plugin.created", grpcPage.getEvents(0).getType());
        assertEquals(
                "changed",
                grpcPage.getEvents(1).getData().getFieldsOrThrow("description").getStringValue());
        var rest =
                stub.listEvents(
                        ListEventsRequest.newBuilder()
                                .setResourceSid(sid)
                                .setPageToken(grpcPage.getNextPageToken())
                                .build());
        assertEquals(
                List.of("plugin.archived"),
                rest.getEventsList().stream().map(Event::getType).toList());
    }

    @Test
    void anAccountSeesOnlyItsOwnEvents() {
        String sid =
                service.post("/Plugins", "UniqueName=private-history").json().get("sid").asText();
        service.awaitFeed();
        String[] other = service.newAccount();
        assertEquals(
                0,
                service.get("/Events?PageSize=1000", other[0], other[1])
                        .json()
                        .get("events")
                        .size());
        assertEquals(
                0,
                service.get("/Events?ResourceSid=" + sid, other[0], other[1])
                        .json()
                        .get("events")
                        .size());
        PluginsRestTest.assertTwilioError(
                service.get("/Plugins/" + sid + "/Events", other[0], other[1]), 404, 20404);
        long position =
                service.get("/Events?ResourceSid=" + sid)
                        .json()
                        .get("events")
                        .get(0)
                        .get("position")
                        .asLong();
        PluginsRestTest.assertTwilioError(
                service.get("/Events/" + position, other[0], other[1]), 404, 20404);
        assertEquals(
                0,
                grpc.stub(other[0], other[1])
                        .listEvents(ListEventsRequest.newBuilder().build())
                        .getEventsCount());
    }

    @Test
    void pagingTheFeedWithAfterWhileWritersWriteMissesNothingAndRepeatsNothing() throws Exception {
        service.post("/Plugins", "UniqueName=feed-writers");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int id = w;
            Thread t =
                    new Thread(
                            () -> {
                                for (int i = 0; !stop.get() && i < 200; i++) {
                                    if (service.post(
                                                            "/Plugins/feed-writers/Versions",
                                                            "Version="
                                                                    + id
                                                                    + "."
                                                                    + i
                                                                    + ".0&PluginUrl=https://a.example/w.js")
                                                    .status()
                                            == 201) {
                                        written.incrementAndGet();
                                    }
                                }
                            });
            writers.add(t);
            t.start();
        }
        List<Long> seen = new ArrayList<>();
        long after = 0;
        long deadline = System.currentTimeMillis() + 4000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode page = service.get("/Events?PageSize=7&After=" + after).json();
            for (JsonNode e : page.get("events")) {
                seen.add(e.get("position").asLong());
                after = e.get("position").asLong();
            }
            JsonNode next = page.get("meta").get("next_page_url");
            if (!next.isNull()) {
                assertTrue(next.asText().contains("After=" + after), next.asText());
            }
        }
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        service.awaitFeed();
        // catch up to the end, then compare with the whole feed read in one go
        while (true) {
            JsonNode page = service.get("/Events?PageSize=100&After=" + after).json();
            if (page.get("events").isEmpty()) {
                break;
            }
            for (JsonNode e : page.get("events")) {
                seen.add(e.get("position").asLong());
                after = e.get("position").asLong();
            }
        }
        assertTrue(written.get() > 20, "writers wrote " + written.get());
        Set<Long> unique = new LinkedHashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no position twice");
        List<Long> all = allPositions();
        assertEquals(all, seen, "every position, in order, none missing");
    }

    @Test
    void aStreamThatReconnectsWithItsLastPositionMissesNothingAndSeesNothingTwice()
            throws Exception {
        service.post("/Plugins", "UniqueName=streamed");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer =
                new Thread(
                        () -> {
                            for (int i = 0; !stop.get() && i < 300; i++) {
                                service.post(
                                        "/Plugins/streamed/Versions",
                                        "Version=9." + i + ".0&PluginUrl=https://a.example/s.js");
                            }
                        });
        writer.start();
        List<Long> received = new ArrayList<>();
        long last = 0;
        try {
            for (int connection = 0; connection < 4; connection++) {
                // each connection takes 15 events, then the client drops it and reconnects
                Context.CancellableContext call = Context.current().withCancellation();
                try {
                    long from = last;
                    Iterator<Event> events =
                            call.call(
                                    () ->
                                            stub.streamEvents(
                                                    StreamEventsRequest.newBuilder()
                                                            .setAfterPosition(from)
                                                            .build()));
                    for (int i = 0; i < 15 && events.hasNext(); i++) {
                        Event e = events.next();
                        received.add(e.getPosition());
                        last = e.getPosition();
                    }
                } finally {
                    call.cancel(null);
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        service.awaitFeed();
        assertEquals(60, received.size());
        List<Long> expected = allPositions().subList(0, 60);
        assertEquals(expected, received, "no gap and no duplicate across reconnects");

        // a live stream delivers an event written after it started
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            long end = allPositions().get(allPositions().size() - 1);
            Iterator<Event> live =
                    call.call(
                            () ->
                                    stub.streamEvents(
                                            StreamEventsRequest.newBuilder()
                                                    .setAfterPosition(end)
                                                    .setType("plugin.created")
                                                    .build()));
            service.post("/Plugins", "UniqueName=born-while-streaming");
            Event e = live.next();
            assertEquals("plugin.created", e.getType());
            assertEquals(
                    "born-while-streaming",
                    e.getData().getFieldsOrThrow("unique_name").getStringValue());
        } finally {
            call.cancel(null);
        }
    }

    @Test
    void timeTravelShowsPastStatesAndNothingBeforeCreation() throws Exception {
        Instant beforeCreation = Instant.now();
        Thread.sleep(20);
        service.post("/Plugins", "UniqueName=travelled&FriendlyName=First");
        service.post(
                "/Plugins/travelled/Versions", "Version=1.0.0&PluginUrl=https://a.example/t.js");
        Thread.sleep(20);
        Instant afterCreation = Instant.now();
        Thread.sleep(20);
        service.post("/Plugins/travelled", "FriendlyName=Second");
        service.post(
                "/Plugins/travelled/Versions", "Version=2.0.0&PluginUrl=https://a.example/t2.js");
        Thread.sleep(20);
        Instant afterRename = Instant.now();
        Thread.sleep(20);
        service.post("/Plugins/travelled/Archive", "");
        service.post("/Plugins/travelled/Versions/1.0.0/Archive", "");

        PluginsRestTest.assertTwilioError(
                service.get("/Plugins/travelled?AsOf=" + beforeCreation), 404, 20404);
        JsonNode first = service.get("/Plugins/travelled?AsOf=" + afterCreation).json();
        assertEquals("First", first.get("friendly_name").asText());
        assertFalse(first.get("archived").asBoolean());
        JsonNode second = service.get("/Plugins/travelled?AsOf=" + afterRename).json();
        assertEquals("Second", second.get("friendly_name").asText());
        assertFalse(second.get("archived").asBoolean());
        assertTrue(
                service.get("/Plugins/travelled?AsOf=" + Instant.now())
                        .json()
                        .get("archived")
                        .asBoolean());

        assertEquals(
                List.of("1.0.0"),
                versions(service.get("/Plugins/travelled/Versions?AsOf=" + afterCreation)));
        assertEquals(
                List.of("2.0.0", "1.0.0"),
                versions(service.get("/Plugins/travelled/Versions?AsOf=" + afterRename)));
        assertFalse(
                service.get("/Plugins/travelled/Versions/1.0.0?AsOf=" + afterRename)
                        .json()
                        .get("archived")
                        .asBoolean());
        assertTrue(
                service.get("/Plugins/travelled/Versions/1.0.0")
                        .json()
                        .get("archived")
                        .asBoolean());
        PluginsRestTest.assertTwilioError(
                service.get("/Plugins/travelled/Versions/2.0.0?AsOf=" + afterCreation), 404, 20404);
        List<String> listed = new ArrayList<>();
        service.get("/Plugins?PageSize=1000&AsOf=" + afterCreation)
                .json()
                .get("plugins")
                .forEach(p -> listed.add(p.get("unique_name").asText()));
        assertTrue(listed.contains("travelled"));
        assertFalse(
                service.get("/Plugins?PageSize=1000&AsOf=" + beforeCreation)
                        .json()
                        .get("plugins")
                        .toString()
                        .contains("\"travelled\""));
        PluginsRestTest.assertTwilioError(
                service.get("/Plugins/travelled?AsOf=yesterday"), 400, 20001);

        var at = ProtoTimestamps.of(afterCreation);
        assertEquals(
                "First",
                stub.getPlugin(
                                GetPluginRequest.newBuilder()
                                        .setPlugin("travelled")
                                        .setAsOf(at)
                                        .build())
                        .getFriendlyName());
        assertEquals(
                Status.Code.NOT_FOUND,
                Assertions.assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.getPluginVersion(
                                                GetPluginVersionRequest.newBuilder()
                                                        .setPlugin("travelled")
                                                        .setVersion("2.0.0")
                                                        .setAsOf(at)
                                                        .build()))
                        .getStatus()
                        .getCode());
        assertEquals(
                Status.Code.NOT_FOUND,
                Assertions.assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.getPlugin(
                                                GetPluginRequest.newBuilder()
                                                        .setPlugin("travelled")
                                                        .setAsOf(ProtoTimestamps.of(beforeCreation))
                                                        .build()))
                        .getStatus()
                        .getCode());
    }

    /**
     * A transaction that took its global index before a newer one but commits after it (the gap the
     * feed's reader must come back for): its event still gets a feed position, after the newer
     * event's, and every event in the log ends up with exactly one.
     */
    @Test
    void anEventThatCommitsLateBelowANewerOneStillGetsItsFeedPosition() throws Exception {
        String template =
                service.post("/Plugins", "UniqueName=late-template").json().get("sid").asText();
        service.awaitFeed();
        long late;
        long newerIndex;
        try (Connection held = service.connect()) {
            held.setAutoCommit(false);
            try (Statement s = held.createStatement()) {
                // the template's creation again under another identifier: a valid event whose
                // global index is taken now and committed below
                s.executeUpdate(
                        "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier,"
                                + " sequence_number, type, time_stamp, payload_type, payload_revision,"
                                + " payload, meta_data) SELECT 'late-event-1', 'FP"
                                + "0".repeat(32)
                                + "', 0, type, time_stamp, payload_type, payload_revision, payload,"
                                + " meta_data FROM domain_event_entry WHERE aggregate_identifier = '"
                                + template
                                + "'");
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT global_index FROM domain_event_entry"
                                        + " WHERE event_identifier = 'late-event-1'")) {
                    rs.next();
                    late = rs.getLong(1);
                }
            }
            String newer =
                    service.post("/Plugins", "UniqueName=late-newer").json().get("sid").asText();
            newerIndex = service.globalIndexOf(newer);
            assertTrue(newerIndex > late, "the newer event took a higher global index");
            long deadline = System.currentTimeMillis() + 10_000;
            while (service.scalar(
                            "SELECT COUNT(*) FROM event_feed WHERE global_index = " + newerIndex)
                    == 0) {
                assertTrue(System.currentTimeMillis() < deadline, "the newer event was positioned");
                Thread.sleep(20);
            }
            held.commit();
        }
        service.awaitFeed();
        long latePosition =
                service.scalar("SELECT position FROM event_feed WHERE global_index = " + late);
        long newerPosition =
                service.scalar(
                        "SELECT position FROM event_feed WHERE global_index = " + newerIndex);
        assertTrue(
                latePosition > newerPosition,
                "the late event is positioned after the newer one: "
                        + latePosition
                        + " vs "
                        + newerPosition);
        assertEquals(
                0,
                service.scalar(
                        "SELECT COUNT(*) FROM (SELECT global_index FROM event_feed"
                                + " GROUP BY global_index HAVING COUNT(*) > 1) d"),
                "no event positioned twice");
    }

    private static List<Long> allPositions() {
        List<Long> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode events =
                    service.get("/Events?PageSize=1000&After=" + after).json().get("events");
            if (events.isEmpty()) {
                return all;
            }
            for (JsonNode e : events) {
                all.add(e.get("position").asLong());
                after = e.get("position").asLong();
            }
        }
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static List<String> versions(RunningService.Reply reply) {
        List<String> versions = new ArrayList<>();
        reply.json().get("plugin_versions").forEach(v -> versions.add(v.get("version").asText()));
        return versions;
    }
}
