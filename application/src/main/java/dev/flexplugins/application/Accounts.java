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
import java.time.Instant;
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

    private final ConnectionProvider connections;
    private final Map<String, Row> cache = new ConcurrentHashMap<>();

    public Accounts(ConnectionProvider connections) {
        this.connections = connections;
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
        if (row == null || System.currentTimeMillis() - row.loadedAt > CACHE_MILLIS) {
            row = load(accountSid).orElse(null);
            if (row == null) {
                cache.remove(accountSid);
                return false;
            }
            cache.put(accountSid, row);
        }
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

    /** A new random account SID and a 32-hex-digit auth token. */
    /** The account an {@code Authorization: Basic …} value authenticates, or empty. */
    public Optional<String> authenticateBasic(String authorization) {
        return BasicCredentials.parse(authorization)
                .filter(c -> authenticate(c.username(), c.password()))
                .map(BasicCredentials::username);
    }

    public static String[] newCredentials() {
        return new String[] {Sids.random(Sids.ACCOUNT), randomHex(16)};
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

    private static String hash(String salt, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
