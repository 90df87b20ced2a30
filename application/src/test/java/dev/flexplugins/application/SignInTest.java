package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    static final String AC1 = "AC" + "1".repeat(32);

    @Test
    void failuresPastTheLimitBlockTheAddressUntilTheWindowEndsAndNeverTheAccount() {
        TestClock clock = new TestClock();
        List<String> alerts = new ArrayList<>();
        SignInThrottle throttle =
                new SignInThrottle(
                        new SignInThrottle.Limits(5, 3, Duration.ofMinutes(1)),
                        clock,
                        (sid, failures, window) -> alerts.add(sid + " " + failures));
        for (int i = 0; i < 5; i++) {
            assertTrue(throttle.blocked("10.0.0.1").isEmpty());
            throttle.failed(AC1, "10.0.0.1");
        }
        assertEquals(
                Duration.ofMinutes(1),
                throttle.blocked("10.0.0.1").orElseThrow(),
                "five failures block the address for the rest of the window");
        assertTrue(
                throttle.blocked("10.0.0.2").isEmpty(),
                "another address signing in to the same account is not blocked");
        assertEquals(
                List.of(AC1 + " 3"),
                alerts,
                "the account's third failure raises one alert in the window, not a refusal");
        for (int i = 0; i < 100; i++) {
            throttle.failed(AC1, "10.0.1." + i); // many addresses, four failures or fewer each
        }
        assertTrue(throttle.blocked("10.0.0.2").isEmpty(), "still not blocked");
        for (int i = 0; i < 10; i++) {
            throttle.failed("", "10.0.2." + i); // no credentials: no account to alert about
            throttle.failed("AC1\r\nforged", "10.0.3." + i);
        }
        assertEquals(1, throttle.accountAlerts());
        assertEquals(125, throttle.failures());
        clock.now = clock.now.plusSeconds(61);
        assertTrue(throttle.blocked("10.0.0.1").isEmpty(), "a new window starts clean");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        TestClock clock = new TestClock();
        SignInThrottle throttle =
                new SignInThrottle(
                        new SignInThrottle.Limits(2, 100, Duration.ofMinutes(1)),
                        clock,
                        (sid, failures, window) -> {});
        throttle.failed(AC1, "2001:db8:1:2:0:0:0:1");
        throttle.failed(AC1, "2001:db8:1:2:ffff:0:0:77");
        assertTrue(throttle.blocked("2001:db8:1:2::abcd").isPresent(), "same /64");
        assertTrue(throttle.blocked("2001:db8:1:3::1").isEmpty(), "another /64");
        assertEquals("2001:db8:1:2:0:0:0:0/64", SignInThrottle.addressKey("2001:db8:1:2::5%eth0"));
        assertEquals("127.0.0.9", SignInThrottle.addressKey("127.0.0.9"));
        assertEquals("zoo:bar", SignInThrottle.addressKey("zoo:bar"), "no name is looked up");
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
