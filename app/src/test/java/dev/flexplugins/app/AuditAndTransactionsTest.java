package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the event log records about each change, and that an event and its views commit together.
 */
class AuditAndTransactionsTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    record StoredEvent(String payloadType, JsonNode payload, JsonNode metadata) {}

    static List<StoredEvent> events(String aggregateId) {
        return events(service, aggregateId);
    }

    static List<StoredEvent> events(RunningService service, String aggregateId) {
        List<StoredEvent> out = new ArrayList<>();
        try (Connection c = service.database.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT payload_type, payload, meta_data FROM domain_event_entry"
                                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new StoredEvent(
                                    rs.getString(1),
                                    RunningService.JSON.readTree(rs.getBytes(2)),
                                    RunningService.JSON.readTree(rs.getBytes(3))));
                }
            }
        } catch (SQLException | IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /**
     * What travels with a command's events for the append and the views (the plugin head a version
     * was decided on, the receipt for the answer's rows) is never stored, so the chain and the
     * stored metadata hold only the audit keys.
     */
    @Test
    void whatTravelsWithAnEventForTheAppendIsNeverStored() {
        String plugin =
                service.post("/Plugins", "UniqueName=travelling").json().get("sid").asText();
        String version =
                service.post(
                                "/Plugins/travelling/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/t.js")
                        .json()
                        .get("sid")
                        .asText();
        for (String sid : List.of(plugin, version)) {
            JsonNode metadata = events(sid).get(0).metadata();
            assertTrue(metadata.has("chainHash"), metadata.toString());
            assertTrue(metadata.has("accountSid"), metadata.toString());
            assertTrue(!metadata.has("decidedOn"), metadata.toString());
            assertTrue(!metadata.has("viewReceipt"), metadata.toString());
        }
        assertEquals(0, service.command("verify").exitCode(), "the chains verify");
    }

    /**
     * A node decides a version's create on the plugin's head it remembers; when the plugin has
     * moved on since (renamed here), the append refuses, the node reads the head again and the
     * create succeeds: the caller sees one 201.
     */
    @Test
    void aVersionDecidedOnAStaleRememberedPluginHeadIsDecidedAgainAndCreated() {
        service.post("/Plugins", "UniqueName=moving");
        assertEquals(
                201,
                service.post(
                                "/Plugins/moving/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/m1.js")
                        .status());
        assertEquals(200, service.post("/Plugins/moving", "FriendlyName=Moved").status());
        RunningService.Reply second =
                service.post(
                        "/Plugins/moving/Versions",
                        "Version=2.0.0&PluginUrl=https://a.example/m2.js");
        assertEquals(201, second.status(), second.body());
        assertEquals(200, service.get("/Plugins/moving/Versions/2.0.0").status());
        RunningService.Reply archived = service.post("/Plugins/moving/Archive", "");
        assertEquals(200, archived.status(), archived.body());
        RunningService.Reply refused =
                service.post(
                        "/Plugins/moving/Versions",
                        "Version=3.0.0&PluginUrl=https://a.example/m3.js");
        assertEquals(409, refused.status(), "no version on an archived plugin: " + refused.body());
        assertEquals(20412, refused.json().get("code").asInt());
    }

    @Test
    void everyEventRecordsWhoWhenHowAndWhichRequest() {
        Instant before = Instant.now().minusSeconds(1);
        RunningService.Reply created =
                service.post(
                        "/Plugins",
                        "UniqueName=audited",
                        service.accountSid,
                        service.authToken,
                        Map.of("Flex-Metadata", "flex-plugins-cli/6.3.2 deploy"));
        String pluginSid = created.json().get("sid").asText();
        RunningService.Reply version =
                service.post(
                        "/Plugins/audited/Versions",
                        "Version=1.0.0&PluginUrl=https://a.example/a.js",
                        service.accountSid,
                        service.authToken,
                        Map.of());
        RunningService.Reply archived = service.post("/Plugins/audited/Versions/1.0.0/Archive", "");

        List<StoredEvent> pluginEvents = events(pluginSid);
        assertEquals(1, pluginEvents.size());
        StoredEvent event = pluginEvents.get(0);
        assertTrue(event.payloadType().endsWith("PluginCreated"), event.payloadType());
        assertEquals("audited", event.payload().get("uniqueName").asText());
        JsonNode meta = event.metadata();
        assertEquals(service.accountSid, meta.get("accountSid").asText());
        assertEquals(service.accountSid, meta.get("actor").asText());
        assertEquals("rest", meta.get("channel").asText());
        assertEquals(created.header("Twilio-Request-Id"), meta.get("requestId").asText());
        assertEquals("flex-plugins-cli/6.3.2 deploy", meta.get("flexMetadata").asText());
        Instant receivedAt = Instant.parse(meta.get("receivedAt").asText());
        assertTrue(
                !receivedAt.isBefore(before) && !receivedAt.isAfter(Instant.now()),
                receivedAt.toString());
        // the audit record and the chain's link, nothing else stored with every event
        Set<String> recorded = new TreeSet<>();
        meta.fieldNames().forEachRemaining(recorded::add);
        assertEquals(
                new TreeSet<>(
                        Set.of(
                                "accountSid",
                                "actor",
                                "channel",
                                "requestId",
                                "flexMetadata",
                                "receivedAt",
                                "chainHash")),
                recorded);

        String versionSid = version.json().get("sid").asText();
        List<StoredEvent> versionEvents = events(versionSid);
        assertEquals(2, versionEvents.size());
        assertEquals(
                version.header("Twilio-Request-Id"),
                versionEvents.get(0).metadata().get("requestId").asText());
        assertTrue(versionEvents.get(1).payloadType().endsWith("PluginVersionArchived"));
        assertEquals(
                archived.header("Twilio-Request-Id"),
                versionEvents.get(1).metadata().get("requestId").asText());
        assertTrue(
                versionEvents.get(0).metadata().get("flexMetadata") == null,
                "no header, no flexMetadata");
    }

    @Test
    void aViewThatCannotApplyAnEventRollsTheEventBack() {
        // Someone wrote a view row behind the service's back that collides with the next plugin.
        service.execute(
                "INSERT INTO plugin_view (sid, account_sid, unique_name, archived, date_created, date_updated,"
                        + " list_key) VALUES ('FP"
                        + "e".repeat(32)
                        + "', '"
                        + service.accountSid
                        + "', 'collides', FALSE,"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, -1)");
        long before = service.eventCount();
        RunningService.Reply reply = service.post("/Plugins", "UniqueName=collides");
        assertEquals(500, reply.status(), reply.toString());
        assertEquals(500, reply.json().get("status").asInt());
        assertEquals(before, service.eventCount(), "the event was rolled back with its view row");
        // and the service still works
        assertEquals(201, service.post("/Plugins", "UniqueName=after-rollback").status());
    }
}
