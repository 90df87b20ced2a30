package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plugins over HTTP against the running service on a real database. */
class PluginsRestTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static void assertTwilioError(RunningService.Reply reply, int status, int code) {
        assertEquals(status, reply.status(), reply.toString());
        JsonNode body = reply.json();
        assertEquals(code, body.get("code").asInt(), reply.toString());
        assertEquals(
                status, body.get("status").asInt(), "status in the body equals the HTTP status");
        assertEquals("https://www.twilio.com/docs/errors/" + code, body.get("more_info").asText());
        assertFalse(body.get("message").asText().isBlank());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
    }

    static void assertIsoSeconds(JsonNode date) {
        assertTrue(
                date.asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"),
                date.toString());
    }

    @Test
    void createFetchUpdateArchiveAPlugin() {
        RunningService.Reply created =
                service.post(
                        "/Plugins",
                        "UniqueName=plugin-lifecycle&FriendlyName=Life+cycle&Description=The%20first%20one");
        assertEquals(201, created.status(), created.toString());
        JsonNode plugin = created.json();
        String sid = plugin.get("sid").asText();
        assertTrue(sid.matches("FP[0-9a-f]{32}"));
        assertEquals(service.accountSid, plugin.get("account_sid").asText());
        assertEquals("plugin-lifecycle", plugin.get("unique_name").asText());
        assertEquals("Life cycle", plugin.get("friendly_name").asText());
        assertEquals("The first one", plugin.get("description").asText());
        assertFalse(plugin.get("archived").asBoolean());
        assertIsoSeconds(plugin.get("date_created"));
        assertIsoSeconds(plugin.get("date_updated"));
        assertEquals(service.api() + "/Plugins/" + sid, plugin.get("url").asText());
        assertEquals(
                service.api() + "/Plugins/" + sid + "/Versions",
                plugin.get("links").get("plugin_versions").asText());
        assertNotNull(created.header("Twilio-Request-Id"));

        // read-your-writes, by SID and by unique name
        assertEquals(plugin, service.get("/Plugins/" + sid).json());
        assertEquals(plugin, service.get("/Plugins/plugin-lifecycle").json());

        RunningService.Reply updated = service.post("/Plugins/" + sid, "Description=Changed");
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(
                "Life cycle",
                updated.json().get("friendly_name").asText(),
                "unchanged when not sent");
        assertEquals("Changed", updated.json().get("description").asText());
        assertEquals(
                "Changed",
                service.get("/Plugins/plugin-lifecycle").json().get("description").asText());

        RunningService.Reply archived = service.post("/Plugins/plugin-lifecycle/Archive", "");
        assertEquals(200, archived.status(), archived.toString());
        assertTrue(archived.json().get("archived").asBoolean());
        long events = service.eventCount();
        RunningService.Reply again = service.post("/Plugins/" + sid + "/Archive", "");
        assertEquals(400, again.status(), "archiving twice is refused, as Twilio does");
        assertEquals(20400, again.json().get("code").asInt());
        assertEquals("Plugin is already archived.", again.json().get("message").asText());
        assertEquals(events, service.eventCount(), "archiving twice records nothing");
        assertTrue(
                service.get("/Plugins/" + sid).json().get("archived").asBoolean(),
                "archived stays fetchable");
    }

    @Test
    void listIsNewestFirstWithEveryMetaKey() {
        for (int i = 0; i < 3; i++) {
            assertEquals(201, service.post("/Plugins", "UniqueName=list-order-" + i).status());
        }
        RunningService.Reply reply = service.get("/Plugins?PageSize=2");
        assertEquals(200, reply.status());
        JsonNode body = reply.json();
        assertFalse(
                body.has("uri"),
                "no top-level uri: it switches the Java SDK to the old paging format");
        JsonNode meta = body.get("meta");
        for (String key :
                List.of(
                        "page",
                        "page_size",
                        "first_page_url",
                        "previous_page_url",
                        "url",
                        "next_page_url",
                        "key")) {
            assertTrue(meta.has(key), "meta." + key);
        }
        assertEquals("plugins", meta.get("key").asText());
        assertEquals(2, meta.get("page_size").asInt());
        assertEquals(0, meta.get("page").asInt());
        assertTrue(meta.get("previous_page_url").isNull());
        assertEquals("list-order-2", body.get("plugins").get(0).get("unique_name").asText());
        assertEquals("list-order-1", body.get("plugins").get(1).get("unique_name").asText());
        String next = meta.get("next_page_url").asText();
        assertTrue(URI.create(next).isAbsolute());
        assertTrue(next.contains("PageToken="));
        JsonNode second = service.get(next).json();
        assertEquals(1, second.get("meta").get("page").asInt());
        assertEquals("list-order-0", second.get("plugins").get(0).get("unique_name").asText());
        assertFalse(second.get("meta").get("previous_page_url").isNull());
        JsonNode back = service.get(second.get("meta").get("previous_page_url").asText()).json();
        assertEquals(
                body.get("plugins"), back.get("plugins"), "previous page is the first page again");
    }

    @Test
    void defaultPageSizeIs50AndTheMaximumIs1000() {
        assertEquals(50, service.get("/Plugins").json().get("meta").get("page_size").asInt());
        assertEquals(
                1000,
                service.get("/Plugins?PageSize=1000").json().get("meta").get("page_size").asInt());
        assertTwilioError(service.get("/Plugins?PageSize=1001"), 400, 20001);
        assertTwilioError(service.get("/Plugins?PageSize=0"), 400, 20001);
        assertTwilioError(service.get("/Plugins?PageSize=ten"), 400, 20001);
    }

    @Test
    void aMalformedOrTamperedPageTokenIsRefused() {
        for (int i = 0; i < 3; i++) {
            service.post("/Plugins", "UniqueName=token-probe-" + i);
        }
        String next =
                service.get("/Plugins?PageSize=1").json().get("meta").get("next_page_url").asText();
        String token = next.substring(next.indexOf("PageToken=") + "PageToken=".length());
        assertEquals(200, service.get("/Plugins?PageSize=1&PageToken=" + token).status());
        String tampered =
                token.substring(0, 4) + (token.charAt(4) == 'A' ? 'B' : 'A') + token.substring(5);
        RunningService.Reply reply = service.get("/Plugins?PageSize=1&PageToken=" + tampered);
        assertTwilioError(reply, 400, 20001);
        assertTrue(reply.json().get("message").asText().contains("PageToken"));
        assertTwilioError(service.get("/Plugins?PageToken=garbage"), 400, 20001);
        // a token of one list does not open another
        service.post(
                "/Plugins/token-probe-0/Versions",
                "Version=1.0.0&PluginUrl=https://a.example/1.js");
        assertTwilioError(
                service.get("/Plugins/token-probe-0/Versions?PageToken=" + token), 400, 20001);
    }

    @Test
    void badInputIsRefusedNamingTheParameterAndWritesNothing() {
        long before = service.eventCount();
        Map<String, String> cases =
                Map.of(
                        "",
                        "UniqueName",
                        "FriendlyName=x",
                        "UniqueName",
                        "UniqueName=FP0123456789abcdef0123456789abcdef",
                        "UniqueName",
                        "UniqueName=" + "n".repeat(129),
                        "UniqueName",
                        "UniqueName=bad%20name",
                        "UniqueName",
                        "UniqueName=ok-name&FriendlyName=" + "f".repeat(256),
                        "FriendlyName",
                        "UniqueName=ok-name&Description=" + "d".repeat(4097),
                        "Description");
        cases.forEach(
                (body, parameter) -> {
                    RunningService.Reply reply = service.post("/Plugins", body);
                    assertTwilioError(reply, 400, 20001);
                    assertTrue(
                            reply.json().get("message").asText().contains(parameter),
                            reply.toString());
                });
        assertEquals(before, service.eventCount());
    }

    @Test
    void aDuplicateUniqueNameIsAConflict() {
        assertEquals(201, service.post("/Plugins", "UniqueName=twice").status());
        long before = service.eventCount();
        assertTwilioError(service.post("/Plugins", "UniqueName=twice"), 409, 20409);
        assertEquals(before, service.eventCount());
    }

    /**
     * A refused duplicate is refused before it is written: it spends no global index of the log
     * (each unused index is a gap the feed's tracking token carries, and thousands of refused
     * retries in a minute once made that token outgrow the heap).
     */
    @Test
    void refusedDuplicateNamesLeaveNoGapInTheLog() {
        String first = service.post("/Plugins", "UniqueName=gapless").json().get("sid").asText();
        for (int i = 0; i < 20; i++) {
            assertTwilioError(
                    service.post("/Plugins", "UniqueName=gapless&FriendlyName=again"), 409, 20409);
        }
        String next = service.post("/Plugins", "UniqueName=gapless-2").json().get("sid").asText();
        assertEquals(
                service.globalIndexOf(first) + 1,
                service.globalIndexOf(next),
                "the 20 refused duplicates took no global index");
    }

    @Test
    void unknownPluginsAre404() {
        assertTwilioError(service.get("/Plugins/FP00000000000000000000000000000000"), 404, 20404);
        assertTwilioError(service.get("/Plugins/no-such-plugin"), 404, 20404);
        assertTwilioError(service.post("/Plugins/no-such-plugin", "FriendlyName=x"), 404, 20404);
        assertTwilioError(service.post("/Plugins/no-such-plugin/Archive", ""), 404, 20404);
        assertTwilioError(service.get("/NoSuchCollection"), 404, 20404);
    }

    @Test
    void bodiesMustBeFormsOfABoundedSize() {
        long before = service.eventCount();
        RunningService.Reply json =
                service.send(
                        HttpRequest.newBuilder(service.uri("/Plugins"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"UniqueName\":\"json\"}")),
                        service.accountSid,
                        service.authToken);
        assertTwilioError(json, 415, 20415);
        RunningService.Reply large =
                service.post("/Plugins", "UniqueName=big&Description=" + "x".repeat(300_000));
        assertTwilioError(large, 413, 20413);
        RunningService.Reply huge =
                service.post("/Plugins", "UniqueName=big&Description=" + "x".repeat(2_000_000));
        assertTwilioError(huge, 413, 20413);
        assertTwilioError(
                service.send(
                        HttpRequest.newBuilder(service.uri("/Plugins/x")).DELETE(),
                        service.accountSid,
                        service.authToken),
                405,
                20405);
        assertEquals(before, service.eventCount());
    }

    @Test
    void wrongOrMissingCredentialsAre401() {
        assertTwilioError(service.get("/Plugins", null, null), 401, 20003);
        assertTwilioError(service.get("/Plugins", service.accountSid, "wrong-token"), 401, 20003);
        assertTwilioError(
                service.get("/Plugins", "AC00000000000000000000000000000000", service.authToken),
                401,
                20003);
        assertTwilioError(
                service.post("/Plugins", "UniqueName=sneaky", service.accountSid, "nope", Map.of()),
                401,
                20003);
        assertEquals(404, service.get("/Plugins/sneaky").status(), "nothing was created");
        assertTwilioError(service.get("/NoSuchCollection", null, null), 401, 20003);
    }

    @Test
    void oneAccountNeverSeesAnothersPlugins() {
        JsonNode mine = service.post("/Plugins", "UniqueName=isolated").json();
        String sid = mine.get("sid").asText();
        String[] other = service.newAccount();
        assertTwilioError(service.get("/Plugins/" + sid, other[0], other[1]), 404, 20404);
        assertTwilioError(service.get("/Plugins/isolated", other[0], other[1]), 404, 20404);
        assertTwilioError(
                service.post("/Plugins/" + sid + "/Archive", "", other[0], other[1], Map.of()),
                404,
                20404);
        assertTwilioError(
                service.post("/Plugins/" + sid, "FriendlyName=mine", other[0], other[1], Map.of()),
                404,
                20404);
        JsonNode list = service.get("/Plugins?PageSize=1000", other[0], other[1]).json();
        assertEquals(0, list.get("plugins").size());
        // the same unique name is free in the other account
        RunningService.Reply theirs =
                service.post("/Plugins", "UniqueName=isolated", other[0], other[1], Map.of());
        assertEquals(201, theirs.status());
        assertFalse(theirs.json().get("sid").asText().equals(sid));
        assertFalse(service.get("/Plugins/" + sid).json().get("archived").asBoolean());
    }
}
