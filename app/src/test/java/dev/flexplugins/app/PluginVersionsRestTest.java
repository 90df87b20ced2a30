package dev.flexplugins.app;

import static dev.flexplugins.app.PluginsRestTest.assertIsoSeconds;
import static dev.flexplugins.app.PluginsRestTest.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plugin versions over HTTP against the running service on a real database. */
class PluginVersionsRestTest {
    static RunningService service;
    static String pluginSid;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        pluginSid =
                service.post("/Plugins", "UniqueName=plugin-versions").json().get("sid").asText();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void createFetchListAndArchiveAVersion() {
        RunningService.Reply created =
                service.post(
                        "/Plugins/plugin-versions/Versions",
                        "Version=1.2.0&PluginUrl=https%3A%2F%2Fassets.example.com%2Fplugin-versions%2F1.2.0%2Fbundle.js"
                                + "&Changelog=Added+a+button&Private=true&CliVersion=6.3.2&ValidateStatus=success");
        assertEquals(201, created.status(), created.toString());
        JsonNode v = created.json();
        String sid = v.get("sid").asText();
        assertTrue(sid.matches("FV[0-9a-f]{32}"));
        assertEquals(pluginSid, v.get("plugin_sid").asText());
        assertEquals(service.accountSid, v.get("account_sid").asText());
        assertEquals("1.2.0", v.get("version").asText());
        assertEquals(
                "https://assets.example.com/plugin-versions/1.2.0/bundle.js",
                v.get("plugin_url").asText());
        assertEquals("Added a button", v.get("changelog").asText());
        assertTrue(v.get("private").asBoolean());
        assertTrue(v.get("validated").asBoolean());
        assertFalse(v.get("archived").asBoolean());
        assertIsoSeconds(v.get("date_created"));
        assertEquals(
                service.api() + "/Plugins/" + pluginSid + "/Versions/" + sid,
                v.get("url").asText());

        assertEquals(v, service.get("/Plugins/" + pluginSid + "/Versions/" + sid).json());
        assertEquals(
                v,
                service.get("/Plugins/plugin-versions/Versions/1.2.0").json(),
                "version string in the path");
        assertEquals(v, service.get("/Plugins/plugin-versions/Versions/" + sid).json());

        JsonNode list = service.get("/Plugins/plugin-versions/Versions").json();
        assertEquals("plugin_versions", list.get("meta").get("key").asText());
        assertEquals(v, list.get("plugin_versions").get(0));

        RunningService.Reply archived =
                service.post("/Plugins/plugin-versions/Versions/1.2.0/Archive", "");
        assertEquals(200, archived.status(), archived.toString());
        assertTrue(archived.json().get("archived").asBoolean());
        assertTrue(
                service.get("/Plugins/plugin-versions/Versions/" + sid)
                        .json()
                        .get("archived")
                        .asBoolean());
        long events = service.eventCount();
        RunningService.Reply again =
                service.post("/Plugins/plugin-versions/Versions/" + sid + "/Archive", "");
        assertEquals(400, again.status(), again.toString());
        assertEquals("Plugin Version is already archived.", again.json().get("message").asText());
        assertEquals(events, service.eventCount(), "archiving twice records nothing");
    }

    @Test
    void validatedIsFalseWithoutASuccessfulValidation() {
        JsonNode v =
                service.post(
                                "/Plugins/plugin-versions/Versions",
                                "Version=0.0.1&PluginUrl=https://assets.example.com/a.js")
                        .json();
        assertFalse(v.get("validated").asBoolean());
        assertFalse(v.get("private").asBoolean());
        assertTrue(v.get("changelog").isNull());
    }

    @Test
    void badVersionsAreRefusedNamingTheParameterAndWriteNothing() {
        long before = service.eventCount();
        Map<String, String> cases =
                Map.of(
                        "PluginUrl=https://a.example/x.js",
                        "Version",
                        "Version=1.0&PluginUrl=https://a.example/x.js",
                        "Version",
                        "Version=v1.0.0&PluginUrl=https://a.example/x.js",
                        "Version",
                        "Version=3.0.0",
                        "PluginUrl",
                        "Version=3.0.0&PluginUrl=http://a.example/x.js",
                        "PluginUrl",
                        "Version=3.0.0&PluginUrl=/relative/x.js",
                        "PluginUrl",
                        "Version=3.0.0&PluginUrl=https://a.example/x.js&Changelog="
                                + "c".repeat(16385),
                        "Changelog",
                        "Version=3.0.0&PluginUrl=https://a.example/x.js&Private=maybe",
                        "Private",
                        "Version=3.0.0&PluginUrl=https://a.example/" + "p".repeat(2100),
                        "PluginUrl");
        cases.forEach(
                (body, parameter) -> {
                    RunningService.Reply reply =
                            service.post("/Plugins/plugin-versions/Versions", body);
                    assertTwilioError(reply, 400, 20001);
                    assertTrue(
                            reply.json().get("message").asText().contains(parameter),
                            body + " -> " + reply);
                });
        assertEquals(before, service.eventCount());
    }

    @Test
    void aDuplicateVersionIsAConflict() {
        String body = "Version=4.0.0&PluginUrl=https://a.example/4.js";
        assertEquals(201, service.post("/Plugins/plugin-versions/Versions", body).status());
        long before = service.eventCount();
        assertTwilioError(service.post("/Plugins/plugin-versions/Versions", body), 409, 20409);
        assertEquals(before, service.eventCount());
    }

    /**
     * A refused duplicate is refused before it is written: an insert the event store's unique key
     * refuses still takes a global index, and each unused index is a gap that the feed's tracking
     * token carries (and copies with every event it reads) until the gap expires; a client retrying
     * a version in a loop made that token outgrow the heap.
     */
    @Test
    void refusedDuplicatesLeaveNoGapInTheLog() {
        String body = "Version=4.1.0&PluginUrl=https://a.example/41.js";
        String first =
                service.post("/Plugins/plugin-versions/Versions", body).json().get("sid").asText();
        for (int i = 0; i < 20; i++) {
            assertTwilioError(service.post("/Plugins/plugin-versions/Versions", body), 409, 20409);
        }
        String next =
                service.post(
                                "/Plugins/plugin-versions/Versions",
                                "Version=4.1.1&PluginUrl=https://a.example/411.js")
                        .json()
                        .get("sid")
                        .asText();
        assertEquals(
                service.globalIndexOf(first) + 1,
                service.globalIndexOf(next),
                "the 20 refused duplicates took no global index");
    }

    @Test
    void anArchivedPluginTakesNoNewVersions() {
        service.post("/Plugins", "UniqueName=retired");
        service.post("/Plugins/retired/Archive", "");
        long before = service.eventCount();
        RunningService.Reply reply =
                service.post(
                        "/Plugins/retired/Versions",
                        "Version=1.0.0&PluginUrl=https://a.example/x.js");
        assertTwilioError(reply, 409, 20412);
        assertEquals(before, service.eventCount());
    }

    /**
     * The plugin changes between two creates of its versions (on PostgreSQL the second create is
     * decided on the plugin as the first one read it, and the insert finds it moved on): an update
     * does not stop the next version, an archive does, and the refusal writes nothing and takes no
     * global index.
     */
    @Test
    void aPluginChangedSinceItsLastVersionIsJudgedAsItIsNow() {
        service.post("/Plugins", "UniqueName=changing");
        String first =
                service.post(
                                "/Plugins/changing/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/1.js")
                        .json()
                        .get("sid")
                        .asText();
        assertEquals(200, service.post("/Plugins/changing", "FriendlyName=Renamed").status());
        RunningService.Reply second =
                service.post(
                        "/Plugins/changing/Versions",
                        "Version=1.0.1&PluginUrl=https://a.example/2.js");
        assertEquals(201, second.status(), second.body());
        assertEquals("1.0.1", second.json().get("version").asText());

        assertEquals(200, service.post("/Plugins/changing/Archive", "").status());
        long before = service.eventCount();
        for (int i = 0; i < 3; i++) {
            assertTwilioError(
                    service.post(
                            "/Plugins/changing/Versions",
                            "Version=1.0.2&PluginUrl=https://a.example/3.js"),
                    409,
                    20412);
        }
        assertEquals(before, service.eventCount(), "the refused creates wrote nothing");
        service.post("/Plugins", "UniqueName=changing-next");
        String next =
                service.post(
                                "/Plugins/changing-next/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/n.js")
                        .json()
                        .get("sid")
                        .asText();
        assertEquals(
                service.globalIndexOf(first) + 5,
                service.globalIndexOf(next),
                "between them: the update, the second version, the archive, the new plugin; no"
                        + " index taken by a refusal");
    }

    @Test
    void unknownPluginsAndVersionsAre404() {
        assertTwilioError(
                service.post(
                        "/Plugins/nobody/Versions",
                        "Version=1.0.0&PluginUrl=https://a.example/x.js"),
                404,
                20404);
        assertTwilioError(service.get("/Plugins/nobody/Versions"), 404, 20404);
        assertTwilioError(service.get("/Plugins/plugin-versions/Versions/9.9.9"), 404, 20404);
        assertTwilioError(
                service.get("/Plugins/plugin-versions/Versions/FV00000000000000000000000000000000"),
                404,
                20404);
        assertTwilioError(
                service.post("/Plugins/plugin-versions/Versions/9.9.9/Archive", ""), 404, 20404);
        // a version is found only under its own plugin
        service.post("/Plugins", "UniqueName=sibling");
        String sid =
                service.post(
                                "/Plugins/sibling/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/s.js")
                        .json()
                        .get("sid")
                        .asText();
        assertTwilioError(service.get("/Plugins/plugin-versions/Versions/" + sid), 404, 20404);
        // a version SID is not a plugin: nothing can be created under it
        assertTwilioError(
                service.post(
                        "/Plugins/" + sid + "/Versions",
                        "Version=1.0.0&PluginUrl=https://a.example/x.js"),
                404,
                20404);
    }

    @Test
    void listingAsksAfterThePluginOnlyWhenThePageIsEmptyAndStillAnswersAsBefore() {
        // an existing plugin without versions: an empty page, not a 404
        service.post("/Plugins", "UniqueName=no-versions-yet");
        RunningService.Reply empty = service.get("/Plugins/no-versions-yet/Versions");
        assertEquals(200, empty.status());
        assertEquals(0, empty.json().get("plugin_versions").size());
        // an unknown plugin is a 404 before any complaint about its page token or size
        assertTwilioError(service.get("/Plugins/nobody/Versions?PageToken=garbage"), 404, 20404);
        assertTwilioError(service.get("/Plugins/nobody/Versions?PageSize=0"), 404, 20404);
        // a known plugin with a bad token or size is a 400
        assertTwilioError(
                service.get("/Plugins/no-versions-yet/Versions?PageToken=garbage"), 400, 20001);
        assertTwilioError(service.get("/Plugins/plugin-versions/Versions?PageSize=0"), 400, 20001);
        // another account's plugin with versions is a 404, with or without a token
        service.post(
                "/Plugins/plugin-versions/Versions",
                "Version=7.0.0&PluginUrl=https://a.example/7.js");
        String[] other = service.newAccount();
        assertTwilioError(
                service.get("/Plugins/" + pluginSid + "/Versions", other[0], other[1]), 404, 20404);
        assertTwilioError(
                service.get(
                        "/Plugins/" + pluginSid + "/Versions?PageToken=garbage",
                        other[0],
                        other[1]),
                404,
                20404);
    }

    @Test
    void anotherAccountCannotSeeOrArchiveVersions() {
        String sid =
                service.post(
                                "/Plugins/plugin-versions/Versions",
                                "Version=5.0.0&PluginUrl=https://a.example/5.js")
                        .json()
                        .get("sid")
                        .asText();
        String[] other = service.newAccount();
        assertTwilioError(
                service.get("/Plugins/" + pluginSid + "/Versions/" + sid, other[0], other[1]),
                404,
                20404);
        assertTwilioError(
                service.get("/Plugins/" + pluginSid + "/Versions", other[0], other[1]), 404, 20404);
        assertTwilioError(
                service.post(
                        "/Plugins/" + pluginSid + "/Versions/" + sid + "/Archive",
                        "",
                        other[0],
                        other[1],
                        Map.of()),
                404,
                20404);
        assertTwilioError(
                service.post(
                        "/Plugins/" + pluginSid + "/Versions",
                        "Version=6.0.0&PluginUrl=https://a.example/6.js",
                        other[0],
                        other[1],
                        Map.of()),
                404,
                20404);
        assertFalse(
                service.get("/Plugins/" + pluginSid + "/Versions/" + sid)
                        .json()
                        .get("archived")
                        .asBoolean());
    }

    @Test
    void theFlexCliRawUnencodedBodyIsRead() {
        // The Flex Plugins CLI does not percent-encode values.
        RunningService.Reply reply =
                service.post(
                        "/Plugins/plugin-versions/Versions",
                        "Version=7.0.0-beta.1&PluginUrl=https://assets.example.com/p/7.0.0/bundle.js?v=1&Changelog=50% faster {\"a\":1}");
        assertEquals(201, reply.status(), reply.toString());
        assertEquals("7.0.0-beta.1", reply.json().get("version").asText());
        assertEquals("50% faster {\"a\":1}", reply.json().get("changelog").asText());
    }
}
