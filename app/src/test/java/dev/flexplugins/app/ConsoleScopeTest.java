package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's filters (session check, security headers, page rendering) act on the console's
 * paths, and only there: an API answer carries none of the console's headers, a console page
 * carries all of them, whatever the path's exact form.
 */
class ConsoleScopeTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static RunningService.Reply raw(String path) {
        return service.send(
                HttpRequest.newBuilder(service.uri(service.baseUrl() + path)).GET(), null, null);
    }

    private static String header(RunningService.Reply reply, String name) {
        List<String> values =
                reply.headers().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(name))
                        .findFirst()
                        .map(e -> e.getValue())
                        .orElse(List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private static void assertConsoleHeaders(RunningService.Reply reply) {
        assertTrue(
                header(reply, "Content-Security-Policy") != null
                        && header(reply, "Content-Security-Policy")
                                .contains("frame-ancestors 'none'"),
                reply.headers().toString());
        assertEquals("DENY", header(reply, "X-Frame-Options"));
    }

    @Test
    void consolePathsNeedASession() {
        for (String path : List.of("/console", "/console/", "/console/plugins")) {
            RunningService.Reply reply = raw(path);
            assertEquals(303, reply.status(), path + ": " + reply);
            assertTrue(
                    header(reply, "Location").startsWith("/console/sign-in?next="),
                    path + " -> " + header(reply, "Location"));
        }
    }

    @Test
    void theSignInPageIsRenderedAsHtml() {
        RunningService.Reply reply = raw("/console/sign-in");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(
                header(reply, "Content-Type").startsWith("text/html"), reply.headers().toString());
        assertTrue(reply.body().contains("<form"), reply.body());
        assertConsoleHeaders(reply);
        assertEquals("no-store", header(reply, "Cache-Control"));
    }

    @Test
    void apiAnswersCarryNoneOfTheConsolesHeaders() {
        RunningService.Reply listed = service.get("/Plugins");
        assertEquals(200, listed.status(), listed.toString());
        RunningService.Reply refused = service.get("/Plugins", null, null);
        assertEquals(401, refused.status(), refused.toString());
        // a path that only starts like the console's is not the console
        RunningService.Reply lookalike = raw("/consoles");
        assertFalse(lookalike.status() == 303, lookalike.toString());
        for (RunningService.Reply reply : List.of(listed, refused, lookalike)) {
            assertEquals(null, header(reply, "Content-Security-Policy"), reply.toString());
            assertEquals(null, header(reply, "X-Frame-Options"), reply.toString());
        }
    }
}
