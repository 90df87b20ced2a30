package dev.flexplugins.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The dates of every representation read exactly as ISO_INSTANT writes them, to the second. */
class RepresentationsDateTest {

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void datesAreIsoInstantsToTheSecond() {
        assertEquals(
                "2026-11-29T17:23:05Z",
                Representations.date(Instant.parse("2026-11-29T17:23:05.987Z")));
        assertEquals(
                "0001-01-01T00:00:00Z",
                Representations.date(Instant.parse("0001-01-01T00:00:00Z")));
        assertEquals("1969-12-31T23:59:59Z", Representations.date(Instant.ofEpochMilli(-1)));
        assertNull(Representations.date(null));
        Instant[] edges = {
            Instant.EPOCH,
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-06-15T12:00:00Z"),
            Instant.parse("2024-02-29T23:59:59.5Z")
        };
        for (Instant edge : edges) {
            assertEquals(iso(edge), Representations.date(edge), edge.toString());
        }
        SplittableRandom random = new SplittableRandom(20261129);
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant at =
                    Instant.ofEpochSecond(
                            random.nextLong(-max, max), random.nextInt(1_000_000_000));
            assertEquals(iso(at), Representations.date(at), at.toString());
        }
    }
}
