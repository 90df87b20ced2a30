package dev.flexplugins.application;

import dev.flexplugins.domain.api.Sids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * The accounts allowed to call the service, with their auth tokens stored as salted SHA-256 hashes.
 * Tokens are 32+ random characters, so a fast hash is enough; the per-account salt stops a leaked
 * table from being matched against tokens used elsewhere. Verified rows are cached for a minute.
 */
public class Accounts {
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
    private static final long CACHE_MILLIS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Row(String salt, String hash, long loadedAt) {}

    /**
     * Unknown SIDs are remembered for a short while as a row no token matches, so guessing SIDs
     * costs no database round trip and is answered by the same hash comparison as a wrong token.
     */
    private static final long UNKNOWN_CACHE_MILLIS = 10_000;

    private final ConnectionProvider connections;
    private final Map<String, Row> cache = new ConcurrentHashMap<>();
    private final SignInThrottle throttle;
    private final ApiKeys keys;

    public Accounts(ConnectionProvider connections, SignInThrottle throttle, ApiKeys keys) {
        this.connections = connections;
        this.throttle = throttle;
        this.keys = keys;
    }

    public static boolean isAccountSid(String value) {
        return value != null && ACCOUNT_SID.matcher(value).matches();
    }

    /** True when {@code token} is the auth token of {@code accountSid}. */
    public boolean authenticate(String accountSid, String token) {
        if (!isAccountSid(accountSid) || token == null || token.isEmpty() || token.length() > 256) {
            return false;
        }
        Row row = cache.get(accountSid);
        long now = System.currentTimeMillis();
        if (row == null || !fresh(row, now)) {
            // an unknown SID: a random salt and an empty hash, which no token's hash equals
            row = load(accountSid).orElse(new Row(randomHex(16), "", now));
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(accountSid, row);
        }
        if (matches(row, token)) {
            return true;
        }
        if (!row.hash.isEmpty() && now - row.loadedAt > RECHECK_MILLIS) {
            // the token may have been rotated since this row was cached: a new token works at once
            Row fresh = load(accountSid).orElse(null);
            if (fresh != null) {
                cache.put(accountSid, fresh); // read again at most every RECHECK_MILLIS per SID
                return !fresh.hash.equals(row.hash) && matches(fresh, token);
            }
        }
        return false;
    }

    /** A cached row older than this is read again before a token is refused. */
    private static final long RECHECK_MILLIS = 2_000;

    /** A cached row still usable as it is; an unknown SID's is remembered for less time. */
    private static boolean fresh(Row row, long now) {
        return now - row.loadedAt <= (row.hash.isEmpty() ? UNKNOWN_CACHE_MILLIS : CACHE_MILLIS);
    }

    private static boolean matches(Row row, String token) {
        return MessageDigest.isEqual(
                hash(row.salt, token).getBytes(StandardCharsets.US_ASCII),
                row.hash.getBytes(StandardCharsets.US_ASCII));
    }

    public Optional<String> firstAccountWithOrigin(String origin) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT sid FROM account WHERE origin = ? ORDER BY date_created LIMIT 1")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read accounts: " + e.getMessage(), e);
        }
    }

    /** True when the account exists (read from the database, not the cache). */
    public boolean exists(String accountSid) {
        return isAccountSid(accountSid) && load(accountSid).isPresent();
    }

    public long count() {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM account");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read accounts: " + e.getMessage(), e);
        }
    }

    /** Creates the account, or sets its token if it exists. Returns true when it was created. */
    public boolean put(String accountSid, String token, String origin) {
        if (!isAccountSid(accountSid)) {
            throw new IllegalArgumentException(
                    "An account SID is AC followed by 32 lowercase hex digits");
        }
        if (token == null || token.length() < 32 || token.length() > 256) {
            throw new IllegalArgumentException("An auth token must be 32 to 256 characters long");
        }
        if (!strong(token)) {
            throw new IllegalArgumentException(
                    "This auth token is too easy to guess (too few distinct characters, or a repeated"
                            + " pattern): use 32 or more random characters, e.g. `openssl rand -hex 16`");
        }
        String salt = randomHex(16);
        String hash = hash(salt, token);
        cache.remove(accountSid);
        try (Connection c = connections.getConnection()) {
            try (PreparedStatement update =
                    c.prepareStatement(
                            "UPDATE account SET token_salt = ?, token_hash = ? WHERE sid = ?")) {
                update.setString(1, salt);
                update.setString(2, hash);
                update.setString(3, accountSid);
                if (update.executeUpdate() == 1) {
                    return false;
                }
            }
            try (PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO account (sid, token_salt, token_hash, origin, date_created) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, accountSid);
                insert.setString(2, salt);
                insert.setString(3, hash);
                insert.setString(4, origin);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot store account " + accountSid + ": " + e.getMessage(), e);
        }
    }

    /** What a sign-in attempt gets. */
    public sealed interface SignIn {
        /**
         * The credentials are the account's (its auth token, {@code actor} = the account SID) or
         * one of its API keys ({@code actor} = the key SID, recorded on the events it causes).
         */
        record Accepted(String accountSid, String actor) implements SignIn {}

        /** Missing or wrong credentials. */
        record Refused() implements SignIn {}

        /** Too many failures from this client address: try again after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements SignIn {
            /** The wait in whole seconds, rounded up, at least 1 (for Retry-After). */
            public long retryAfterSeconds() {
                return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            }
        }
    }

    /**
     * Signs in with an {@code Authorization: Basic …} value from {@code clientAddress}, through the
     * throttle: both facades call this, so REST and gRPC share one brake.
     */
    public SignIn signIn(String authorization, String clientAddress) {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        String accountSid = credentials.map(BasicCredentials::username).orElse("");
        Optional<Duration> wait = throttle.blocked(clientAddress);
        if (wait.isPresent()) {
            throttle.refused();
            return new SignIn.Throttled(wait.get());
        }
        if (credentials.isPresent() && ApiKeys.isKeySid(accountSid)) {
            Optional<String> account = keys.authenticate(accountSid, credentials.get().password());
            if (account.isPresent()) {
                return new SignIn.Accepted(account.get(), accountSid);
            }
        } else if (credentials.isPresent()
                && authenticate(accountSid, credentials.get().password())) {
            return new SignIn.Accepted(accountSid, accountSid);
        }
        throttle.failed(accountSid, clientAddress);
        return new SignIn.Refused();
    }

    /**
     * The sign-in, when it can be answered from memory alone: credentials that match a cached,
     * fresh row (account or API key) and are not throttled are accepted exactly as {@link #signIn}
     * would accept them. Empty when anything needs the database (an uncached or stale row, a
     * mismatch, a throttled caller): then {@link #signIn} decides. Lets the HTTP facade sign most
     * requests in on its event loop, without a hop to the blocking pool.
     */
    public Optional<SignIn.Accepted> acceptedFromMemory(
            String authorization, String clientAddress) {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        String sid = credentials.get().username();
        String secret = credentials.get().password();
        if (secret == null || secret.isEmpty() || secret.length() > 256) {
            return Optional.empty();
        }
        if (throttle.blocked(clientAddress).isPresent()) {
            return Optional.empty();
        }
        if (ApiKeys.isKeySid(sid)) {
            return keys.acceptedFromMemory(sid, secret)
                    .map(account -> new SignIn.Accepted(account, sid));
        }
        Row row = cache.get(sid);
        return row != null
                        && !row.hash.isEmpty()
                        && fresh(row, System.currentTimeMillis())
                        && matches(row, secret)
                ? Optional.of(new SignIn.Accepted(sid, sid))
                : Optional.empty();
    }

    /** A new random account SID and a 32-hex-digit auth token. */
    public static String[] newCredentials() {
        String token;
        do {
            token = randomHex(16);
        } while (!strong(token));
        return new String[] {Sids.random(Sids.ACCOUNT), token};
    }

    /**
     * A token looks random enough: its characters, counted as an empirical distribution, carry at
     * least 96 bits (a random 32-hex-digit token carries about 110), and it is not a short pattern
     * repeated.
     */
    static boolean strong(String token) {
        Map<Integer, Integer> counts = new HashMap<>();
        token.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int n = token.codePointCount(0, token.length());
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / n;
            bits -= count * (Math.log(p) / Math.log(2));
        }
        for (int period = 1; period <= n / 2; period++) {
            if (token.substring(period).equals(token.substring(0, token.length() - period))) {
                return false;
            }
        }
        return bits >= 96;
    }

    private Optional<Row> load(String accountSid) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT token_salt, token_hash FROM account WHERE sid = ?")) {
            ps.setString(1, accountSid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new Row(
                                        rs.getString(1),
                                        rs.getString(2),
                                        System.currentTimeMillis()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read account: " + e.getMessage(), e);
        }
    }

    /** A salted SHA-256 of a secret, hex: how auth tokens and API key secrets are stored. */
    static String hash(String salt, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code bytes} random bytes, hex. */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
