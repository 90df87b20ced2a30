package dev.flexplugins.app;

import static dev.flexplugins.app.PluginsRestTest.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/Configuration} as the Flex Plugins CLI and the SDKs use it. */
class FlexConfigurationRestTest {
    static RunningService service;
    static final String SERVICE_SID = "ZS" + "c".repeat(32);

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static String url() {
        return service.baseUrl() + "/v1/Configuration";
    }

    static RunningService.Reply postJson(String json, String sid, String token) {
        return service.send(
                HttpRequest.newBuilder(service.uri(url()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
                sid,
                token);
    }

    @Test
    void aNewAccountHasEmptyDefaultsAndChangesHaveHistoryAndAsOfReads() throws Exception {
        String[] account = service.newAccount();
        JsonNode fresh = service.get(url(), account[0], account[1]).json();
        assertEquals(account[0], fresh.get("account_sid").asText());
        assertEquals(0, fresh.get("serverless_service_sids").size());
        assertEquals("", fresh.get("ui_version").asText());
        assertEquals(0, fresh.get("ui_dependencies").size());
        assertEquals(false, fresh.get("plugin_service_enabled").asBoolean());
        assertEquals(url(), fresh.get("url").asText());
        assertTrue(fresh.get("date_created").isNull());

        // what the Flex Plugins CLI posts
        RunningService.Reply cli =
                postJson(
                        "{\"account_sid\":\""
                                + account[0]
                                + "\",\"serverless_service_sids\":[\""
                                + SERVICE_SID
                                + "\"]}",
                        account[0],
                        account[1]);
        assertEquals(200, cli.status(), cli.toString());
        assertEquals(SERVICE_SID, cli.json().get("serverless_service_sids").get(0).asText());
        Thread.sleep(1100); // a second later, so the two changes have distinct instants
        Instant between = Instant.now();
        Thread.sleep(1100);

        // an SDK-style form post changes other fields and keeps the rest
        RunningService.Reply form =
                service.post(
                        url(),
                        "UiVersion=~2.0.0&PluginServiceEnabled=true",
                        account[0],
                        account[1],
                        java.util.Map.of());
        assertEquals(200, form.status(), form.toString());
        JsonNode now = service.get(url(), account[0], account[1]).json();
        assertEquals(SERVICE_SID, now.get("serverless_service_sids").get(0).asText());
        assertEquals("~2.0.0", now.get("ui_version").asText());
        assertTrue(now.get("plugin_service_enabled").asBoolean());

        JsonNode then = service.get(url() + "?AsOf=" + between, account[0], account[1]).json();
        assertEquals("", then.get("ui_version").asText(), "as it was between the two changes");
        assertEquals(SERVICE_SID, then.get("serverless_service_sids").get(0).asText());

        JsonNode history =
                service.get("/Events?ResourceSid=" + account[0], account[0], account[1]).json();
        assertEquals(2, history.get("events").size(), history.toString());
        assertEquals(
                "flex_configuration.updated", history.get("events").get(0).get("type").asText());

        // another account sees only its own
        String[] other = service.newAccount();
        assertEquals(
                0,
                service.get(url(), other[0], other[1])
                        .json()
                        .get("serverless_service_sids")
                        .size());
    }

    @Test
    void badChangesAreRefusedAndWriteNothing() {
        String[] account = service.newAccount();
        long before = service.eventCount();
        assertTwilioError(
                postJson(
                        "{\"serverless_service_sids\":[\"not-a-service\"]}",
                        account[0],
                        account[1]),
                400,
                20001);
        assertTwilioError(
                postJson("{\"account_sid\":\"AC" + "9".repeat(32) + "\"}", account[0], account[1]),
                400,
                20001);
        assertTwilioError(
                postJson("{\"plugin_service_enabled\":\"yes\"}", account[0], account[1]),
                400,
                20001);
        assertTwilioError(postJson("[1,2]", account[0], account[1]), 400, 20001);
        assertTwilioError(postJson("{not json", account[0], account[1]), 400, 20001);
        assertEquals(before, service.eventCount());
        assertEquals(401, service.get(url(), null, null).status());
    }
}
