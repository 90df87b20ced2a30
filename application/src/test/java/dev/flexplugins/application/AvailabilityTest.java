package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Admission, readiness and the stopping sequence that both facades follow. */
class AvailabilityTest {

    @Test
    void requestsAreCountedWhileInFlightAndRefusedOnceTheNodeRefuses() throws Exception {
        Availability availability = new Availability();
        assertEquals(Optional.empty(), availability.admit());
        assertEquals(Optional.empty(), availability.admit());
        assertEquals(2, availability.inFlight());

        availability.enter(Availability.Phase.DRAINING);
        assertEquals(Optional.empty(), availability.admit(), "draining still serves");
        availability.enter(Availability.Phase.REFUSING);
        assertEquals(Optional.of(ServiceUnavailableException.STOPPING), availability.admit());
        assertEquals(3, availability.inFlight(), "a refused request is not in flight");

        assertFalse(availability.awaitIdle(Duration.ofMillis(20)));
        availability.done();
        availability.done();
        availability.done();
        assertTrue(availability.awaitIdle(Duration.ofMillis(20)));
    }

    @Test
    void readinessFollowsTheDatabaseAndThePhaseAndNeverGoesBack() {
        Availability availability = new Availability();
        List<Boolean> changes = new ArrayList<>();
        availability.onReadinessChange(changes::add);
        availability.databaseProbed("Connection refused");
        assertEquals(Optional.of(ServiceUnavailableException.DATABASE), availability.admit());
        availability.databaseProbed(null);
        availability.enter(Availability.Phase.DRAINING);
        availability.enter(Availability.Phase.SERVING);
        assertEquals(
                Availability.Phase.DRAINING,
                availability.phase(),
                "the lifecycle only moves forward");
        assertEquals(List.of(true, false, true, false), changes);
    }
}
