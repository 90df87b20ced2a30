package dev.flexplugins.application;

import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * An account's API keys, as Twilio's 2010 {@code Keys} resource has them: {@code SK} + 32 hex
 * digits and a secret shown once, at creation, and stored as a salted SHA-256 hash. A key signs in
 * as Basic {@code SK…:secret} and acts for its account. Verified keys are cached for {@link
 * #CACHE_MILLIS}: a deleted key stops working within that on every node.
 */
public class ApiKeys {
    public static final long CACHE_MILLIS = 5_000;
    public static final int FRIENDLY_NAME_MAX = 64;

    /** A key as the API shows it (never its secret). */
    public record Key(
            String sid,
            String accountSid,
            String friendlyName,
            Instant dateCreated,
            Instant dateUpdated) {}

    /** A key just created, with its secret (shown this once). */
    public record Created(Key key, String secret) {}

    private record Cached(String accountSid, String salt, String hash, long loadedAt) {}

    private final ConnectionProvider connections;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeys(ConnectionProvider connections) {
        this.connections = connections;
    }

    public static boolean isKeySid(String value) {
        return Sids.isSid("SK", value);
    }

    /**
     * The key's account when {@code secret} matches a cached, fresh row; empty when the database
     * must be asked (see {@link Accounts#acceptedFromMemory}).
     */
    Optional<String> acceptedFromMemory(String sid, String secret) {
        Cached row = cache.get(sid);
        return row != null
                        && !row.accountSid().isEmpty()
                        && fresh(row, System.currentTimeMillis())
                        && matches(row, secret)
                ? Optional.of(row.accountSid())
                : Optional.empty();
    }

    private static boolean fresh(Cached row, long now) {
        return now - row.loadedAt() <= CACHE_MILLIS;
    }

    private static boolean matches(Cached row, String secret) {
        return MessageDigest.isEqual(
                Accounts.hash(row.salt(), secret).getBytes(StandardCharsets.US_ASCII),
                row.hash().getBytes(StandardCharsets.US_ASCII));
    }

    /** The account {@code sid:secret} acts for, if the key exists and the secret is its own. */
    public Optional<String> authenticate(String sid, String secret) {
        if (!isKeySid(sid) || secret == null || secret.isEmpty() || secret.length() > 256) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        Cached row = cache.get(sid);
        if (row == null || !fresh(row, now)) {
            row =
                    load(sid)
                            .orElse(
                                    new Cached(
                                            "",
                                            Accounts.randomHex(16),
                                            "",
                                            now)); // unknown: matches no secret
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(sid, row);
        }
        return matches(row, secret) && !row.accountSid().isEmpty()
                ? Optional.of(row.accountSid())
                : Optional.empty();
    }

    public Created create(String accountSid, String friendlyName) {
        checkName(friendlyName);
        String sid = "SK" + Accounts.randomHex(16);
        String secret = Accounts.randomHex(16);
        String salt = Accounts.randomHex(16);
        Instant now = Instant.now();
        update(
                "INSERT INTO api_key (sid, account_sid, friendly_name, secret_salt, secret_hash, date_created,"
                        + " date_updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                sid,
                accountSid,
                friendlyName,
                salt,
                Accounts.hash(salt, secret),
                now,
                now);
        return new Created(new Key(sid, accountSid, friendlyName, now, now), secret);
    }

    public List<Key> list(String accountSid) {
        return query(
                "SELECT sid, account_sid, friendly_name, date_created, date_updated FROM api_key"
                        + " WHERE account_sid = ? ORDER BY date_created DESC, sid",
                accountSid);
    }

    public Key fetch(String accountSid, String sid) {
        return query(
                        "SELECT sid, account_sid, friendly_name, date_created, date_updated FROM api_key"
                                + " WHERE sid = ? AND account_sid = ?",
                        sid,
                        accountSid)
                .stream()
                .findFirst()
                .orElseThrow(() -> notFound(sid));
    }

    public Key rename(String accountSid, String sid, String friendlyName) {
        checkName(friendlyName);
        if (update(
                        "UPDATE api_key SET friendly_name = ?, date_updated = ? WHERE sid = ? AND account_sid = ?",
                        friendlyName,
                        Instant.now(),
                        sid,
                        accountSid)
                == 0) {
            throw notFound(sid);
        }
        return fetch(accountSid, sid);
    }

    public void delete(String accountSid, String sid) {
        if (update("DELETE FROM api_key WHERE sid = ? AND account_sid = ?", sid, accountSid) == 0) {
            throw notFound(sid);
        }
        cache.remove(sid);
    }

    private static void checkName(String friendlyName) {
        if (friendlyName != null
                && (friendlyName.length() > FRIENDLY_NAME_MAX
                        || friendlyName.chars().anyMatch(c -> c < 0x20))) {
            throw PluginServiceException.invalid(
                    Field.FRIENDLY_NAME,
                    input ->
                            input
                                    + " must be at most "
                                    + FRIENDLY_NAME_MAX
                                    + " characters without control characters");
        }
    }

    private static PluginServiceException notFound(String sid) {
        return PluginServiceException.notFound(
                Parameter.API_KEY, sid, "The requested resource /Keys/" + sid + " was not found");
    }

    private Optional<Cached> load(String sid) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT account_sid, secret_salt, secret_hash FROM api_key WHERE sid = ?")) {
            ps.setString(1, sid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new Cached(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        System.currentTimeMillis()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read API key: " + e.getMessage(), e);
        }
    }

    private List<Key> query(String sql, Object... args) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Key> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(
                            new Key(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    instant(rs, 4),
                                    instant(rs, 5)));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read API keys: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change API keys: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Instant instant) {
                ps.setTimestamp(
                        i + 1,
                        Timestamp.from(instant),
                        Calendar.getInstance(TimeZone.getTimeZone("UTC")));
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
        return ts == null ? null : ts.toInstant();
    }
}
