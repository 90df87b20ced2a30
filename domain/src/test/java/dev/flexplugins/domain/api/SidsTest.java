package dev.flexplugins.domain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SID shape check, written by hand for speed, held to the rule it replaced. */
class SidsTest {
    private static final Pattern RULE = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");

    @Test
    void shapes() {
        assertTrue(Sids.looksLikeSid("FP" + "0123456789abcdef".repeat(2)));
        assertTrue(Sids.isSid(Sids.PLUGIN, "FP" + "a".repeat(32)));
        assertFalse(Sids.isSid(Sids.PLUGIN, "FV" + "a".repeat(32)));
        assertFalse(Sids.looksLikeSid(null));
        assertFalse(Sids.looksLikeSid("FP" + "A".repeat(32)), "hex is lowercase");
        assertFalse(Sids.looksLikeSid("fP" + "a".repeat(32)));
        assertFalse(Sids.looksLikeSid("FP" + "a".repeat(31)));
        assertFalse(Sids.looksLikeSid("FP" + "a".repeat(33)));
        assertFalse(Sids.looksLikeSid("FP" + "g".repeat(32)));
    }

    @Test
    void agreesWithTheRuleOnRandomStrings() {
        String alphabet = "AFZaf09gG-";
        Random random = new Random(20261129);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "FP" : "");
            int length = 30 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                // mostly valid characters, so that valid and almost-valid SIDs both come up
                s.append(
                        random.nextInt(40) == 0
                                ? alphabet.charAt(random.nextInt(alphabet.length()))
                                : "0123456789abcdef".charAt(random.nextInt(16)));
            }
            String value = s.toString();
            assertEquals(RULE.matcher(value).matches(), Sids.looksLikeSid(value), value);
        }
    }
}
