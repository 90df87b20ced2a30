package dev.flexplugins.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Browser sessions of the console, in the database so that every node knows them and sign-out ends
 * them everywhere. The browser holds a random id; only its SHA-256 is stored. A session ends at
 * sign-out, after {@link #IDLE} without a request or {@link #LIFETIME} after sign-in, or as soon as
 * the credential it was opened with stops working (an API key deleted, an auth token rotated): the
 * credential's stored hash at sign-in must still be the stored hash.
 */
public class ConsoleSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(8);

    /** Last-seen is written at most this often, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    /**
     * The console's paths ({@code /console} and everything under it), where a session cookie, not
     * Basic credentials, signs a request in. One rule for both sides: the REST facade's sign-in
     * steps aside on these paths and the console's own filters take them, so the two must agree.
     */
    public static boolean consolePath(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    /**
     * A signed-in browser: the account it acts for, the credential it signed in with, and the token
     * its forms must carry.
     */
    public record Session(String accountSid, String actor, String csrfToken) {}

    /** A session just opened: {@code cookie} is the value the browser keeps. */
    public record Opened(String cookie, Session session) {}

    private final ConnectionProvider connections;

    public ConsoleSessions(ConnectionProvider connections) {
        this.connections = connections;
    }

    /** Opens a session for a sign-in the caller has just accepted. */
    public Opened open(String accountSid, String actor) {
        close(null); // sweeps sessions past their time
        String cookie = Accounts.randomHex(32);
        String csrf = Accounts.randomHex(32);
        Instant now = Instant.now();
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO console_session (id_hash, account_sid, actor, credential_hash,"
                                        + " csrf_token, created_at, last_seen_at, expires_at)"
                                        + " SELECT ?, ?, ?, h, ?, ?, ?, ? FROM ("
                                        + " SELECT token_hash AS h FROM account WHERE sid = ?"
                                        + " UNION ALL SELECT secret_hash AS h FROM api_key WHERE sid = ?) x")) {
            ps.setString(1, idHash(cookie));
            ps.setString(2, accountSid);
            ps.setString(3, actor);
            ps.setString(4, csrf);
            ps.setTimestamp(5, Timestamp.from(now), UTC);
            ps.setTimestamp(6, Timestamp.from(now), UTC);
            ps.setTimestamp(7, Timestamp.from(now.plus(LIFETIME)), UTC);
            ps.setString(8, actor);
            ps.setString(9, actor);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the credential " + actor + " is gone");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a console session: " + e.getMessage(), e);
        }
        return new Opened(cookie, new Session(accountSid, actor, csrf));
    }

    /** The live session behind a cookie, if there is one. */
    public Optional<Session> find(String cookie) {
        if (cookie == null || !cookie.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String hash = idHash(cookie);
        try (Connection c = connections.getConnection()) {
            Instant lastSeen;
            Session session;
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT s.account_sid, s.actor, s.csrf_token, s.last_seen_at"
                                    + " FROM console_session s"
                                    + " WHERE s.id_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?"
                                    + " AND (EXISTS (SELECT 1 FROM account a WHERE a.sid = s.actor"
                                    + " AND a.token_hash = s.credential_hash)"
                                    + " OR EXISTS (SELECT 1 FROM api_key k WHERE k.sid = s.actor"
                                    + " AND k.secret_hash = s.credential_hash))")) {
                ps.setString(1, hash);
                ps.setTimestamp(2, Timestamp.from(now), UTC);
                ps.setTimestamp(3, Timestamp.from(now.minus(IDLE)), UTC);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    session = new Session(rs.getString(1), rs.getString(2), rs.getString(3));
                    lastSeen = rs.getTimestamp(4, UTC).toInstant();
                }
            }
            if (lastSeen.plus(TOUCH_EVERY).isBefore(now)) {
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE console_session SET last_seen_at = ? WHERE id_hash = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now), UTC);
                    ps.setString(2, hash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(session);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console sessions: " + e.getMessage(), e);
        }
    }

    /** Ends the session behind a cookie (sign-out), and sweeps sessions that have expired. */
    public void close(String cookie) {
        Instant now = Instant.now();
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM console_session WHERE id_hash = ? OR expires_at < ?"
                                        + " OR last_seen_at < ?")) {
            ps.setString(1, cookie == null ? "" : idHash(cookie));
            ps.setTimestamp(2, Timestamp.from(now), UTC);
            ps.setTimestamp(3, Timestamp.from(now.minus(IDLE)), UTC);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close a console session: " + e.getMessage(), e);
        }
    }

    private static String idHash(String cookie) {
        return Accounts.hash("console-session", cookie);
    }
}
