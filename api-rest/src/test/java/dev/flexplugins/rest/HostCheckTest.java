package dev.flexplugins.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Host check decides whether a request is served and where its answer's URLs point; it is
 * written by hand for speed, so it is held to the rule it replaced, written as a regular
 * expression.
 */
class HostCheckTest {
    private static final Pattern RULE =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

    @Test
    void acceptsHostsAndPortsAndRefusesAnythingElse() {
        for (String ok :
                List.of(
                        "localhost",
                        "localhost:8080",
                        "api.example.com",
                        "[::1]:443",
                        "[::1]",
                        "10.0.0.1:1",
                        "a-b.c:65535")) {
            assertTrue(PublicAddress.validHost(ok), ok);
        }
        for (String bad :
                List.of(
                        "",
                        ":80",
                        "host:",
                        "host:123456",
                        "[::1",
                        "[]",
                        "[::1]x",
                        "exa mple.com",
                        "evil.com/path",
                        "user@evil.com",
                        "host:80:80",
                        "[g::1]",
                        "host:8a")) {
            assertFalse(PublicAddress.validHost(bad), bad);
        }
    }

    @Test
    void agreesWithTheRuleOnRandomStrings() {
        String alphabet = "aZ09.-:[]fF@/ _g";
        Random random = new Random(20261129);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String host = s.toString();
            assertEquals(RULE.matcher(host).matches(), PublicAddress.validHost(host), host);
        }
    }
}
