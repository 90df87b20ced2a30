package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The brake on guessing and the bar for auth tokens, without a database. */
class SignInTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void failuresPastTheLimitBlockTheSidAndTheAddressUntilTheWindowEnds() {
        TestClock clock = new TestClock();
        SignInThrottle throttle =
                new SignInThrottle(new SignInThrottle.Limits(3, 5, Duration.ofMinutes(1)), clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.blocked("AC1", "10.0.0.1").isEmpty());
            throttle.failed("AC1", "10.0.0.1");
        }
        assertEquals(
                Duration.ofMinutes(1),
                throttle.blocked("AC1", "10.0.0.9").orElseThrow(),
                "the SID is blocked from any address");
        assertTrue(
                throttle.blocked("AC2", "10.0.0.1").isEmpty(),
                "the address is under its own limit");
        throttle.failed("AC2", "10.0.0.1");
        throttle.failed("AC3", "10.0.0.1");
        assertTrue(
                throttle.blocked("AC4", "10.0.0.1").isPresent(), "five failures block the address");
        clock.now = clock.now.plusSeconds(61);
        assertTrue(throttle.blocked("AC1", "10.0.0.1").isEmpty(), "a new window starts clean");
    }

    @Test
    void authTokensMustLookRandom() {
        assertTrue(Accounts.strong(Accounts.newCredentials()[1]));
        assertTrue(Accounts.strong("3f9a1c27be804d5e96a0c4b7d21e8f53"));
        assertFalse(Accounts.strong("a".repeat(32)), "one character repeated");
        assertFalse(Accounts.strong("abcd".repeat(8)), "a short pattern repeated");
        assertFalse(Accounts.strong("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb"), "two characters");
    }
}
