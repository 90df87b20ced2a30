package dev.flexplugins.bench.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Create, fetch and list plugin versions under the service's own paths and JSON field names. */
@Controller("/v1/PluginService")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PeerController {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource db;
    private final ObjectMapper json;
    private final String account;
    private final String salt = hex(16);
    private final String tokenHash;
    private final AtomicLong listKey = new AtomicLong(System.currentTimeMillis() * 1000);

    PeerController(
            DataSource db,
            ObjectMapper json,
            @Value("${peer.account-sid}") String account,
            @Value("${peer.auth-token}") String token) {
        this.db = db;
        this.json = json;
        this.account = account;
        this.tokenHash = hash(salt, token);
    }

    /** The two tables, and 10,000 versions of {@code bench-10k} for fetch and list. */
    @EventListener
    void schema(StartupEvent event) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS peer_event (global_index BIGSERIAL PRIMARY KEY,"
                            + " event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL,"
                            + " sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL,"
                            + " payload_type VARCHAR(255) NOT NULL, payload BYTEA NOT NULL, meta_data BYTEA,"
                            + " UNIQUE (aggregate_identifier, sequence_number))");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS peer_version (sid VARCHAR(34) PRIMARY KEY,"
                            + " account_sid VARCHAR(34) NOT NULL, plugin VARCHAR(128) NOT NULL, version VARCHAR(128) NOT NULL,"
                            + " plugin_url VARCHAR(2048) NOT NULL, changelog TEXT, private BOOLEAN NOT NULL,"
                            + " date_created TIMESTAMP NOT NULL, list_key BIGINT NOT NULL, UNIQUE (plugin, version))");
            // a plugin's versions newest first: one index range, whatever else the table holds
            s.execute(
                    "CREATE INDEX IF NOT EXISTS peer_version_list ON peer_version (plugin, list_key)");
        }
        seed("bench-10k", 10_000, 16);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    /**
     * {@code count} versions of {@code plugin}, each created as {@link #create} creates one, from
     * {@code concurrency} threads: as the service's seed arrives (16 gRPC creates at a time), so
     * both tables hold their rows the way concurrent creates lay them out. (One INSERT ... SELECT
     * wrote a plugin's rows on consecutive pages: a page of 50 read 4 buffers, against 51 for rows
     * that arrived from four connections at once.)
     */
    private void seed(String plugin, int count, int concurrency) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM peer_version WHERE plugin = ?")) {
            ps.setString(1, plugin);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
        }
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<SQLException> failures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread =
                    new Thread(
                            () -> {
                                for (long i = next.getAndIncrement();
                                        i < count;
                                        i = next.getAndIncrement()) {
                                    try {
                                        insertVersion(
                                                plugin,
                                                "1." + i + ".0",
                                                "https://assets.example.com/b.js",
                                                "seed",
                                                false);
                                    } catch (SQLException | JsonProcessingException e) {
                                        synchronized (failures) {
                                            failures.add(new SQLException(e.getMessage(), e));
                                        }
                                        return;
                                    }
                                }
                            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("seeding interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    @Post(uri = "/Plugins/{plugin}/Versions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @PathVariable String plugin,
            @Body Map<String, String> form)
            throws SQLException, JsonProcessingException {
        if (!signedIn(authorization)) {
            return error(
                    HttpStatus.UNAUTHORIZED,
                    20003,
                    "Authentication Error - invalid username or password");
        }
        String version = form.get("Version");
        String url = form.get("PluginUrl");
        if (version == null || version.isEmpty() || url == null || !url.startsWith("https://")) {
            return error(
                    HttpStatus.BAD_REQUEST, 20001, "Version and an https PluginUrl are required");
        }
        try {
            return HttpResponse.created(
                    insertVersion(
                            plugin,
                            version,
                            url,
                            form.get("Changelog"),
                            "true".equalsIgnoreCase(form.get("Private"))));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return error(
                        HttpStatus.CONFLICT,
                        20409,
                        "Plugin " + plugin + " already has a Version " + version);
            }
            throw e;
        }
    }

    /** One transaction: the event row and the view row; the row as the JSON answer. */
    private Map<String, Object> insertVersion(
            String plugin, String version, String url, String changelog, boolean isPrivate)
            throws SQLException, JsonProcessingException {
        String sid = "FV" + hex(16);
        Instant now = Instant.now();
        long key = listKey.incrementAndGet();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sid", sid);
        row.put("account_sid", account);
        row.put("plugin", plugin);
        row.put("version", version);
        row.put("plugin_url", url);
        row.put("changelog", changelog);
        row.put("private", isPrivate);
        row.put("date_created", now.toString());
        byte[] payload = json.writeValueAsBytes(row);
        byte[] meta =
                json.writeValueAsBytes(
                        Map.of("accountSid", account, "actor", account, "channel", "rest"));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ev =
                            c.prepareStatement(
                                    "INSERT INTO peer_event (event_identifier, aggregate_identifier, sequence_number, type,"
                                            + " time_stamp, payload_type, payload, meta_data) VALUES (?, ?, 0, 'PluginVersion', ?, ?, ?, ?)");
                    PreparedStatement vw =
                            c.prepareStatement(
                                    "INSERT INTO peer_version (sid, account_sid, plugin, version, plugin_url, changelog,"
                                            + " private, date_created, list_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ev.setString(1, UUID.randomUUID().toString());
                ev.setString(2, sid);
                ev.setString(3, now.toString());
                ev.setString(4, "PluginVersionCreated");
                ev.setBytes(5, payload);
                ev.setBytes(6, meta);
                ev.executeUpdate();
                vw.setString(1, sid);
                vw.setString(2, account);
                vw.setString(3, plugin);
                vw.setString(4, version);
                vw.setString(5, url);
                vw.setString(6, changelog);
                vw.setBoolean(7, isPrivate);
                vw.setTimestamp(8, Timestamp.from(now));
                vw.setLong(9, key);
                vw.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return row;
    }

    @Get("/Plugins/{plugin}/Versions/{sid}")
    HttpResponse<?> fetch(
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @PathVariable String plugin,
            @PathVariable String sid)
            throws SQLException {
        if (!signedIn(authorization)) {
            return error(
                    HttpStatus.UNAUTHORIZED,
                    20003,
                    "Authentication Error - invalid username or password");
        }
        List<Map<String, Object>> rows =
                query(
                        "SELECT sid, account_sid, plugin, version, plugin_url, changelog, private, date_created"
                                + " FROM peer_version WHERE sid = ? AND account_sid = ?",
                        sid,
                        account);
        if (rows.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, 20404, "The requested resource was not found");
        }
        return HttpResponse.ok(rows.get(0));
    }

    @Get("/Plugins/{plugin}/Versions")
    HttpResponse<?> list(
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @PathVariable String plugin,
            @Nullable @QueryValue("PageSize") Integer pageSize)
            throws SQLException {
        if (!signedIn(authorization)) {
            return error(
                    HttpStatus.UNAUTHORIZED,
                    20003,
                    "Authentication Error - invalid username or password");
        }
        int size = pageSize == null ? 50 : Math.max(1, Math.min(1000, pageSize));
        List<Map<String, Object>> rows =
                query(
                        "SELECT sid, account_sid, plugin, version, plugin_url, changelog, private, date_created"
                                + " FROM peer_version WHERE plugin = ? AND account_sid = ? ORDER BY list_key DESC LIMIT "
                                + (size + 1),
                        plugin,
                        account);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", 0);
        meta.put("page_size", size);
        meta.put("next_page_url", rows.size() > size ? "more" : null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plugin_versions", rows.subList(0, Math.min(size, rows.size())));
        body.put("meta", meta);
        return HttpResponse.ok(body);
    }

    private List<Map<String, Object>> query(String sql, String... args) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("sid", rs.getString(1));
                    row.put("account_sid", rs.getString(2));
                    row.put("plugin", rs.getString(3));
                    row.put("version", rs.getString(4));
                    row.put("plugin_url", rs.getString(5));
                    row.put("changelog", rs.getString(6));
                    row.put("private", rs.getBoolean(7));
                    row.put("date_created", rs.getTimestamp(8).toInstant().toString());
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Basic auth against the account's salted SHA-256, as the service checks a cached account. */
    private boolean signedIn(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(authorization.substring(6)),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0
                && decoded.substring(0, colon).equals(account)
                && MessageDigest.isEqual(
                        hash(salt, decoded.substring(colon + 1))
                                .getBytes(StandardCharsets.US_ASCII),
                        tokenHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static HttpResponse<?> error(HttpStatus status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status.getCode());
        return HttpResponse.status(status).body(body);
    }

    private static String hash(String salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
