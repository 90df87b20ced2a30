package dev.flexplugins.application;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A brake on guessing credentials. Failed sign-ins are counted per client address in fixed windows;
 * past the limit, every sign-in from that address is refused for the rest of the window, without
 * looking at the credentials (so a refusal says nothing about a guess).
 *
 * <p>Failures are also counted per account SID, but only to raise an alert: an account SID is no
 * secret (it is in every URL), so refusing an account's sign-ins after failures would let any
 * stranger lock its owner out by sending wrong tokens. Nothing an address does changes how another
 * address is answered.
 *
 * <p>IPv6 clients are counted by their /64 prefix: one host usually holds a whole /64 and could
 * otherwise start a fresh count with every address in it.
 */
public final class SignInThrottle {
    /**
     * The limits; see docs, "Security". {@code accountAlert}: failures for one account SID in a
     * window (from any addresses) that raise an alert, once per window.
     */
    public record Limits(int perAddress, int accountAlert, Duration window) {}

    /** Told when an account's failures in a window reach {@link Limits#accountAlert()}. */
    @FunctionalInterface
    public interface Alerts {
        void accountUnderAttack(String accountSid, int failures, Duration window);
    }

    private static final int MAX_TRACKED = 100_000;
    private static final Pattern SID = Pattern.compile("(?:AC|SK)[0-9a-f]{32}");

    private record Window(long startMillis, int failures) {}

    private final Limits limits;
    private final Clock clock;
    private final Alerts alerts;
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();
    private final Map<String, Window> accounts = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong accountAlerts = new AtomicLong();

    public SignInThrottle(Limits limits, Clock clock, Alerts alerts) {
        this.limits = limits;
        this.clock = clock;
        this.alerts = alerts;
    }

    /** How long this address must wait before it may sign in again; empty when it may try now. */
    Optional<Duration> blocked(String address) {
        Window window = addresses.get(addressKey(address));
        if (window == null || window.failures() < limits.perAddress()) {
            return Optional.empty();
        }
        long wait = window.startMillis() + limits.window().toMillis() - clock.millis();
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Counts a refusal because the address was blocked (a metric). */
    void refused() {
        throttled.incrementAndGet();
    }

    /**
     * Counts a failed sign-in against the address (which it may block) and, when the username has
     * the shape of an account or API key SID, against that SID (alert only).
     */
    void failed(String accountSid, String address) {
        long now = clock.millis();
        failures.incrementAndGet();
        count(addresses, addressKey(address), now);
        if (!SID.matcher(accountSid).matches()) {
            return; // no credentials, or a username no account or key could have: noise
        }
        Window account = count(accounts, accountSid, now);
        if (account.failures() == limits.accountAlert()) {
            accountAlerts.incrementAndGet();
            alerts.accountUnderAttack(accountSid, account.failures(), limits.window());
        }
    }

    /** Failed sign-ins since start-up. */
    public long failures() {
        return failures.get();
    }

    /** Sign-ins refused because their address was blocked, since start-up. */
    public long throttled() {
        return throttled.get();
    }

    /** Alerts raised for accounts with many failures in a window, since start-up. */
    public long accountAlerts() {
        return accountAlerts.get();
    }

    private Window count(Map<String, Window> windows, String key, long now) {
        long length = limits.window().toMillis();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> now - w.startMillis() >= length);
            if (windows.size() > MAX_TRACKED) {
                // a flood of distinct keys: start over rather than grow without bound
                windows.clear();
            }
        }
        return windows.merge(
                key,
                new Window(now, 1),
                (old, one) ->
                        now - old.startMillis() >= length
                                ? one
                                : new Window(old.startMillis(), old.failures() + 1));
    }

    /**
     * The key an address is counted under: an IPv4 address itself, an IPv6 address its /64 prefix.
     * The addresses come from the socket, as literals (a string with ':' is parsed as an IPv6
     * literal, never looked up).
     */
    static String addressKey(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
            return address; // IPv4, or not an IPv6 literal (never handed to a resolver)
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            byte[] prefix = Arrays.copyOf(bytes, 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
