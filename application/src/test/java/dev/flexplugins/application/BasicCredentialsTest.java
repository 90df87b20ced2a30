package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUsernameAndPasswordWhichMayContainColons() {
        assertEquals(
                Optional.of(new BasicCredentials("AC1", "to:ken")),
                BasicCredentials.parse(basic("AC1:to:ken")));
        assertEquals(
                Optional.of(new BasicCredentials("AC1", "t")),
                BasicCredentials.parse("basic " + basic("AC1:t").substring(6)));
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.parse("Basic !!!").isEmpty());
        assertTrue(BasicCredentials.parse(basic("no-colon")).isEmpty());
        assertTrue(BasicCredentials.parse(basic(":password-only")).isEmpty());
    }
}
