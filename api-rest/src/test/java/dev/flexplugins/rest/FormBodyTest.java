package dev.flexplugins.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Form bodies as the SDKs encode them and as the Flex Plugins CLI sends them raw. */
class FormBodyTest {

    static FormBody form(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesPlusAndPercentAndKeepsRepeatedValuesInOrder() {
        FormBody form = form("FriendlyName=My+plugin%21&Plugins=%7B%22phase%22%3A3%7D&Plugins=b");
        assertEquals("My plugin!", form.get("FriendlyName"));
        assertEquals(List.of("{\"phase\":3}", "b"), form.all("Plugins"));
        assertNull(form.get("Description"));
    }

    @Test
    void keepsRawValuesAndStrayPercentSigns() {
        FormBody form =
                form(
                        "Name=My Config&Plugins={\"phase\":3,\"plugin_version\":\"FV1\"}&Changelog=100%");
        assertEquals("My Config", form.get("Name"));
        assertEquals("{\"phase\":3,\"plugin_version\":\"FV1\"}", form.get("Plugins"));
        assertEquals("100%", form.get("Changelog"));
    }

    @Test
    void readsBooleansStrictly() {
        assertTrue(form("Private=TRUE").bool(Field.PRIVATE, false));
        assertFalse(form("").bool(Field.PRIVATE, false));
        assertThrows(
                PluginServiceException.class, () -> form("Private=yes").bool(Field.PRIVATE, false));
    }
}
