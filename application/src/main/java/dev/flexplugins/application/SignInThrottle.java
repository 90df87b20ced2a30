package dev.flexplugins.application;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A brake on guessing credentials: failed sign-ins are counted per account SID and per client
 * address in fixed windows; past the limit, every sign-in with that SID or from that address is
 * refused for the rest of the window, without looking at the credentials (so a refusal says nothing
 * about a guess).
 */
public final class SignInThrottle {
    /** The limits; see README, "Security". */
    public record Limits(int perAccount, int perAddress, Duration window) {}

    private static final int MAX_TRACKED = 100_000;

    private record Window(long startMillis, int failures) {}

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long to wait when this SID or address is blocked now; empty when it may try. */
    Optional<Duration> blocked(String accountSid, String address) {
        long now = clock.millis();
        long wait =
                Math.max(
                        wait("a|" + accountSid, limits.perAccount(), now),
                        wait("i|" + address, limits.perAddress(), now));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Counts a failed sign-in against the SID and the address. */
    void failed(String accountSid, String address) {
        long now = clock.millis();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(w -> now - w.startMillis() >= limits.window().toMillis());
            if (failures.size() > MAX_TRACKED) {
                failures.clear(); // a flood of distinct keys: start over rather than grow without
                // bound
            }
        }
        count("a|" + accountSid, now);
        count("i|" + address, now);
    }

    private void count(String key, long now) {
        failures.merge(
                key,
                new Window(now, 1),
                (old, one) ->
                        now - old.startMillis() >= limits.window().toMillis()
                                ? one
                                : new Window(old.startMillis(), old.failures() + 1));
    }

    private long wait(String key, int limit, long now) {
        Window window = failures.get(key);
        if (window == null || window.failures() < limit) {
            return 0;
        }
        return Math.max(0, window.startMillis() + limits.window().toMillis() - now);
    }
}
