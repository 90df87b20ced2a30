package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FLEX_PUBLIC_BASE_URL replaces the request's host in every url, link and page URL. */
class PublicBaseUrlTest {
    @Test
    void everyUrlUsesTheConfiguredBase() {
        try (RunningService service =
                RunningService.start(
                        Map.of("flex.public-base-url", "https://plugins.example.com/"))) {
            JsonNode plugin = service.post("/Plugins", "UniqueName=public-base").json();
            String sid = plugin.get("sid").asText();
            String base = "https://plugins.example.com/v1/PluginService";
            assertEquals(base + "/Plugins/" + sid, plugin.get("url").asText());
            assertEquals(
                    base + "/Plugins/" + sid + "/Versions",
                    plugin.get("links").get("plugin_versions").asText());
            JsonNode version =
                    service.post(
                                    "/Plugins/public-base/Versions",
                                    "Version=1.0.0&PluginUrl=https%3A%2F%2Fcdn.example.com%2Fb.js")
                            .json();
            assertEquals(
                    base + "/Plugins/" + sid + "/Versions/" + version.get("sid").asText(),
                    version.get("url").asText());
            JsonNode meta = service.get("/Plugins").json().get("meta");
            assertEquals(base + "/Plugins?PageSize=50&Page=0", meta.get("url").asText());
            assertEquals(base + "/Plugins?PageSize=50&Page=0", meta.get("first_page_url").asText());
        }
    }
}
