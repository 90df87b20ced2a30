package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Plugin;
import com.twilio.rest.flexapi.v1.PluginArchive;
import com.twilio.rest.flexapi.v1.PluginVersionArchive;
import com.twilio.rest.flexapi.v1.plugin.PluginVersions;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Twilio's official Java SDK, unchanged but for the base URL, against the running service. The SDK
 * builds https://flex-api.twilio.com URLs; this client sends each request to the local service.
 */
class TwilioJavaSdkTest {
    static RunningService service;
    static TwilioRestClient client;

    /**
     * Sends every request the SDK makes to the local base URL, exactly as the SDK built it
     * otherwise.
     */
    static final class LocalBaseUrl extends NetworkHttpClient {
        private final String base;

        LocalBaseUrl(String base) {
            this.base = base;
        }

        @Override
        public Response makeRequest(Request request) {
            // getUrl() is the URL the SDK would call (a next_page_url keeps its query string);
            // the reader's own query parameters are added by the Request, as for Twilio.
            URL original;
            try {
                original = URI.create(request.getUrl()).toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
            String target = base + original.getFile();
            Request local = new Request(request.getMethod(), target);
            request.getQueryParams().forEach((k, vs) -> vs.forEach(v -> local.addQueryParam(k, v)));
            request.getPostParams().forEach((k, vs) -> vs.forEach(v -> local.addPostParam(k, v)));
            request.getHeaderParams()
                    .forEach((k, vs) -> vs.forEach(v -> local.addHeaderParam(k, v)));
            local.setAuth(request.getUsername(), request.getPassword());
            return super.makeRequest(local);
        }
    }

    @BeforeAll
    static void start() {
        service = RunningService.start();
        client =
                new TwilioRestClient.Builder(service.accountSid, service.authToken)
                        .httpClient(new LocalBaseUrl(service.baseUrl()))
                        .build();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void pluginsThroughTheSdk() {
        Plugin created =
                Plugin.creator("sdk-plugin")
                        .setFriendlyName("SDK plugin")
                        .setDescription("made by the SDK")
                        .setFlexMetadata("java-sdk-test")
                        .create(client);
        assertTrue(created.getSid().startsWith("FP"));
        assertEquals("sdk-plugin", created.getUniqueName());
        assertEquals("SDK plugin", created.getFriendlyName());
        assertEquals(service.accountSid, created.getAccountSid());
        assertNotNull(created.getDateCreated(), "the SDK parsed date_created");
        assertNotNull(created.getDateUpdated());
        assertEquals(URI.create(service.api() + "/Plugins/" + created.getSid()), created.getUrl());
        assertEquals(
                service.api() + "/Plugins/" + created.getSid() + "/Versions",
                created.getLinks().get("plugin_versions"));

        Plugin fetched = Plugin.fetcher("sdk-plugin").fetch(client);
        assertEquals(created.getSid(), fetched.getSid());

        Plugin updated = Plugin.updater(created.getSid()).setFriendlyName("Renamed").update(client);
        assertEquals("Renamed", updated.getFriendlyName());
        assertEquals("made by the SDK", updated.getDescription());

        PluginArchive archived = PluginArchive.updater(created.getSid()).update(client);
        assertTrue(archived.getArchived());
        assertTrue(Plugin.fetcher(created.getSid()).fetch(client).getArchived());
    }

    @Test
    void theSdkPagesThroughLongListsByFollowingNextPageUrl() {
        for (int i = 0; i < 7; i++) {
            Plugin.creator("sdk-paged-" + i).create(client);
        }
        List<String> names = new ArrayList<>();
        for (Plugin p : Plugin.reader().setPageSize(3L).read(client)) {
            if (p.getUniqueName().startsWith("sdk-paged-")) {
                names.add(p.getUniqueName());
            }
        }
        assertEquals(
                List.of(
                        "sdk-paged-6",
                        "sdk-paged-5",
                        "sdk-paged-4",
                        "sdk-paged-3",
                        "sdk-paged-2",
                        "sdk-paged-1",
                        "sdk-paged-0"),
                names);
    }

    @Test
    void versionsThroughTheSdk() {
        Plugin plugin = Plugin.creator("sdk-versions").create(client);
        PluginVersions v1 =
                PluginVersions.creator(
                                plugin.getSid(),
                                "1.0.0",
                                URI.create(
                                        "https://assets.example.com/sdk-versions/1.0.0/bundle.js"))
                        .setChangelog("first")
                        .set_private(true)
                        .setCliVersion("6.3.2")
                        .setValidateStatus("success")
                        .create(client);
        assertTrue(v1.getSid().startsWith("FV"));
        assertEquals("1.0.0", v1.getVersion());
        assertEquals(
                URI.create("https://assets.example.com/sdk-versions/1.0.0/bundle.js"),
                v1.getPluginUrl());
        assertTrue(v1.get_private());
        assertTrue(v1.getValidated());
        assertNotNull(v1.getDateCreated());
        PluginVersions.creator(
                        "sdk-versions", "1.1.0", URI.create("https://assets.example.com/b.js"))
                .create(client);

        assertEquals(
                v1.getSid(),
                PluginVersions.fetcher("sdk-versions", "1.0.0").fetch(client).getSid());
        List<String> versions = new ArrayList<>();
        PluginVersions.reader(plugin.getSid())
                .setPageSize(1L)
                .read(client)
                .forEach(v -> versions.add(v.getVersion()));
        assertEquals(List.of("1.1.0", "1.0.0"), versions);

        PluginVersionArchive archived =
                PluginVersionArchive.updater(plugin.getSid(), v1.getSid()).update(client);
        assertTrue(archived.getArchived());
        assertFalse(PluginVersions.fetcher(plugin.getSid(), "1.1.0").fetch(client).getArchived());
    }

    @Test
    void theSdkSeesTwilioErrors() {
        ApiException missing =
                assertThrows(ApiException.class, () -> Plugin.fetcher("sdk-missing").fetch(client));
        assertEquals(20404, missing.getCode());
        assertEquals(404, missing.getStatusCode());
        assertNotNull(missing.getMoreInfo());

        Plugin.creator("sdk-dup").create(client);
        ApiException duplicate =
                assertThrows(ApiException.class, () -> Plugin.creator("sdk-dup").create(client));
        assertEquals(20409, duplicate.getCode());
        assertEquals(409, duplicate.getStatusCode());

        ApiException badVersion =
                assertThrows(
                        ApiException.class,
                        () ->
                                PluginVersions.creator(
                                                "sdk-dup",
                                                "one",
                                                URI.create("https://a.example/x.js"))
                                        .create(client));
        assertEquals(20001, badVersion.getCode());
        assertTrue(badVersion.getMessage().contains("Version"));

        TwilioRestClient wrong =
                new TwilioRestClient.Builder(service.accountSid, "not-the-token")
                        .httpClient(new LocalBaseUrl(service.baseUrl()))
                        .build();
        ApiException denied =
                assertThrows(
                        ApiException.class, () -> Plugin.reader().read(wrong).iterator().next());
        assertEquals(20003, denied.getCode());
        assertEquals(401, denied.getStatusCode());
    }

    @Test
    void theSdkCreatesAnApiKeyAndThenWorksWithIt() {
        com.twilio.rest.api.v2010.account.NewKey key =
                com.twilio.rest.api.v2010.account.NewKey.creator()
                        .setFriendlyName("sdk-key")
                        .create(client);
        assertTrue(key.getSid().startsWith("SK"), key.getSid());
        assertNotNull(key.getDateCreated(), "the SDK parses the RFC 2822 date");
        TwilioRestClient withKey =
                new TwilioRestClient.Builder(key.getSid(), key.getSecret())
                        .accountSid(service.accountSid)
                        .httpClient(new LocalBaseUrl(service.baseUrl()))
                        .build();
        assertEquals(
                service.accountSid,
                com.twilio.rest.api.v2010.Account.fetcher(service.accountSid)
                        .fetch(withKey)
                        .getSid());
        assertEquals(
                "sdk-key-plugin", Plugin.creator("sdk-key-plugin").create(withKey).getUniqueName());
    }
}
