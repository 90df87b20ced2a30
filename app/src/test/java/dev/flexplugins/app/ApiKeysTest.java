package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys as the twilio CLI sets them up and uses them, on REST and gRPC. */
class ApiKeysTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static String keysUrl(String account) {
        return service.baseUrl() + "/2010-04-01/Accounts/" + account + "/Keys.json";
    }

    @Test
    void aKeyIsCreatedOnceListedWithoutItsSecretActsForItsAccountAndStopsWhenDeleted()
            throws Exception {
        String account = service.accountSid;
        // what `twilio profiles:create` does: check the account, then create a key
        JsonNode me =
                service.get(service.baseUrl() + "/2010-04-01/Accounts/" + account + ".json").json();
        assertEquals(account, me.get("sid").asText());
        assertEquals("active", me.get("status").asText());
        RunningService.Reply created = service.post(keysUrl(account), "FriendlyName=cli-profile");
        assertEquals(201, created.status(), created.toString());
        String sid = created.json().get("sid").asText();
        String secret = created.json().get("secret").asText();
        assertTrue(sid.matches("SK[0-9a-f]{32}"), sid);
        assertTrue(secret.matches("[0-9a-f]{32}"), secret);
        assertTrue(created.json().get("date_created").asText().endsWith("+0000"), "RFC 2822 dates");

        // the key signs in wherever the auth token does, and is the actor of what it does
        assertEquals(
                200,
                service.get(
                                service.baseUrl() + "/2010-04-01/Accounts/" + account + ".json",
                                sid,
                                secret)
                        .status());
        RunningService.Reply plugin =
                service.post("/Plugins", "UniqueName=made-with-a-key", sid, secret, Map.of());
        assertEquals(201, plugin.status(), plugin.toString());
        assertEquals(account, plugin.json().get("account_sid").asText());
        service.awaitFeed();
        JsonNode events = service.get("/Plugins/made-with-a-key/Events").json().get("events");
        assertEquals(sid, events.get(0).get("actor").asText());
        try (GrpcClient grpc = new GrpcClient(service)) {
            assertEquals(
                    "made-over-grpc",
                    grpc.stub(sid, secret)
                            .createPlugin(
                                    CreatePluginRequest.newBuilder()
                                            .setUniqueName("made-over-grpc")
                                            .build())
                            .getUniqueName());
        }

        JsonNode list = service.get(keysUrl(account)).json();
        assertEquals(1, list.get("keys").size());
        assertEquals("cli-profile", list.get("keys").get(0).get("friendly_name").asText());
        assertNull(list.get("keys").get(0).get("secret"), "the secret is shown once");
        String keyUrl =
                service.baseUrl() + "/2010-04-01/Accounts/" + account + "/Keys/" + sid + ".json";
        assertEquals(
                "renamed",
                service.post(keyUrl, "FriendlyName=renamed").json().get("friendly_name").asText());
        assertEquals("renamed", service.get(keyUrl).json().get("friendly_name").asText());

        String[] other = service.newAccount();
        assertEquals(
                404,
                service.get(keysUrl(account), other[0], other[1]).status(),
                "another account's keys");
        assertEquals(404, service.get(keyUrl, other[0], other[1]).status());
        assertEquals(401, service.get("/Plugins", sid, "0".repeat(32)).status(), "a wrong secret");

        RunningService.Reply deleted =
                service.send(
                        HttpRequest.newBuilder(service.uri(keyUrl)).DELETE(),
                        service.accountSid,
                        service.authToken);
        assertEquals(204, deleted.status(), deleted.toString());
        Thread.sleep(5_200); // the documented few seconds a node may still trust a deleted key
        assertEquals(
                401, service.get("/Plugins", sid, secret).status(), "a deleted key stops working");
        assertEquals(404, service.get(keyUrl).status());
        assertFalse(service.get(keysUrl(account)).body().contains(sid));
    }
}
