package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.projections.Cursor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Page tokens: opaque, signed, bound to one list of one account. */
class PageTokensTest {
    private final PageTokens tokens =
            new PageTokens("a secret of thirty-two bytes!!!!".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTokenReadsBackWhereItWasIssued() {
        String token = tokens.issue("plugins|AC1", Cursor.olderThan(42), 3);
        PageTokens.Position position = tokens.read("plugins|AC1", token, Parameter.PAGE_TOKEN);
        assertEquals(Cursor.olderThan(42), position.cursor());
        assertEquals(3, position.page());
    }

    @Test
    void aTokenOfAnotherListOrAccountOrEditedIsRefused() {
        String token = tokens.issue("plugins|AC1", Cursor.olderThan(42), 3);
        assertThrows(
                PluginServiceException.class,
                () -> tokens.read("plugins|AC2", token, Parameter.PAGE_TOKEN));
        assertThrows(
                PluginServiceException.class,
                () -> tokens.read("releases|AC1", token, Parameter.PAGE_TOKEN));
        char last = token.charAt(token.length() - 1);
        String edited = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(
                PluginServiceException.class,
                () -> tokens.read("plugins|AC1", edited, Parameter.PAGE_TOKEN));
        assertThrows(
                PluginServiceException.class,
                () -> tokens.read("plugins|AC1", "not a token", Parameter.PAGE_TOKEN));
        PageTokens other =
                new PageTokens("another secret of 32 bytes......".getBytes(StandardCharsets.UTF_8));
        assertThrows(
                PluginServiceException.class,
                () -> other.read("plugins|AC1", token, Parameter.PAGE_TOKEN));
    }
}
