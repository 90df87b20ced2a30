package dev.flexplugins.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The store's timestamps written as Axon's JDBC engine wrote them (the rows written before this
 * store existed are Axon's) and read back exactly as Axon's own parser reads them. Axon is a test
 * dependency only: the reference, not a part of the store.
 */
class EventTimestampsTest {

    @Test
    void everyTimestampAxonWritesIsReadAsAxonReadsIt() {
        Random random = new Random(20261129);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(
                            min + (long) (random.nextDouble() * (max - min)),
                            random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertEquals(stored, EventTimestamps.format(instant));
            assertEquals(DateTimeUtils.parseInstant(stored), EventTimestamps.parse(stored), stored);
        }
    }

    @Test
    void otherFormsAreReadAsAxonReadsThem() {
        for (String text :
                new String[] {
                    "2026-11-29T20:05:01.027+02:00",
                    "2026-11-29t20:05:01.027z",
                    "2026-11-29T20:05:01.027123Z",
                    "2026-11-29T20:05:01Z",
                    "+12026-11-29T20:05:01.027Z"
                }) {
            assertEquals(DateTimeUtils.parseInstant(text), EventTimestamps.parse(text), text);
        }
        for (String bad :
                new String[] {
                    "2026-02-30T20:05:01.027Z",
                    "2026-13-01T20:05:01.027Z",
                    "2026-11-29T24:05:01.027Z",
                    "2026-11-29T20:60:01.027Z",
                    "2026-11-29T20:05:60.027Z",
                    "2026-1x-29T20:05:01.027Z",
                    "not a timestamp at all!!"
                }) {
            assertThrows(DateTimeParseException.class, () -> EventTimestamps.parse(bad), bad);
        }
    }
}
