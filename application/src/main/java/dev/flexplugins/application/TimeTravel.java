package dev.flexplugins.application;

import dev.flexplugins.domain.api.PluginServiceException;
import java.time.Instant;

/**
 * The instants an as-of read accepts: any moment of the years 1 to 9999 (what every store can
 * hold).
 */
public final class TimeTravel {
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private TimeTravel() {}

    /** {@code asOf} itself (null stays null: now); outside the range, an invalid {@code AsOf}. */
    public static Instant asOf(Instant asOf) {
        if (asOf != null && (asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST))) {
            throw PluginServiceException.invalid(
                    Parameter.AS_OF,
                    input ->
                            input
                                    + " must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return asOf;
    }
}
