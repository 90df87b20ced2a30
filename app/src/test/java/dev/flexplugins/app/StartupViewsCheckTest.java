package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A view that lost a row (as an older release could during shutdown) is found when the service
 * starts: the check names what differs, and replay repairs it.
 */
class StartupViewsCheckTest {

    @Test
    void aMissingViewRowIsFoundAtStartAndReplayRepairsIt() throws Exception {
        try (RunningService service = RunningService.start()) {
            assertEquals(201, service.post("/Plugins", "UniqueName=kept").status());
            assertEquals(201, service.post("/Plugins", "UniqueName=phantom").status());
            assertEquals(
                    201,
                    service.post(
                                    "/Plugins/phantom/Versions",
                                    "Version=1.0.0&PluginUrl=https://a.example/b.js")
                            .status());
            try (Connection c = service.database.connect()) {
                assertEquals(
                        List.of(),
                        ViewCountCheck.differences(c),
                        "a consistent start finds nothing");
            }
            service.execute("DELETE FROM plugin_version_view");
            service.execute("DELETE FROM plugin_view WHERE unique_name = 'phantom'");

            // a second node starting on the same database runs the check at start
            Map<String, Object> props =
                    Map.of(
                            "micronaut.server.port",
                            -1,
                            "grpc.server.port",
                            0,
                            "datasources.default.url",
                            service.database.url,
                            "datasources.default.username",
                            service.database.user,
                            "datasources.default.password",
                            service.database.password);
            try (ApplicationContext second = ApplicationContext.run(props)) {
                List<String> found = second.getBean(ViewCountCheck.class).differences();
                assertEquals(2, found.size(), found.toString());
                assertTrue(
                        found.get(0).startsWith("2 PluginCreated events but 1 rows"),
                        found.toString());
                assertTrue(
                        found.get(1).startsWith("1 PluginVersionCreated events but 0 rows"),
                        found.toString());
            }

            assertEquals(0, service.command("replay").exitCode());
            try (Connection c = service.database.connect()) {
                assertEquals(
                        List.of(),
                        ViewCountCheck.differences(c),
                        "replay rebuilt the views from the log");
            }
        }
    }
}
