package dev.flexplugins.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** Databases, credentials and working directories for the fault-injection tests. */
final class Fixtures {
    static final String SHARED_PG =
            env("FLEX_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String PG_USER = env("FLEX_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = env("FLEX_TEST_PG_PASSWORD", "");

    private Fixtures() {}

    static Path workDir(String name) {
        try {
            Path target = Path.of("target", "fault-runs");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Account SID and auth token for FLEX_BOOTSTRAP_*. */
    static String[] credentials() {
        byte[] sid = new byte[16];
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(sid);
        new SecureRandom().nextBytes(token);
        return new String[] {"AC" + HexFormat.of().formatHex(sid), HexFormat.of().formatHex(token)};
    }

    /** A throw-away database on the shared server (dropped by {@link #dropSharedDatabase}). */
    static String sharedDatabase() {
        String name =
                "flex_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql(SHARED_PG, "CREATE DATABASE " + name);
        return name;
    }

    static String sharedUrl(String database) {
        return SHARED_PG.substring(0, SHARED_PG.lastIndexOf('/') + 1) + database;
    }

    static void dropSharedDatabase(String name) {
        sql(SHARED_PG, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static Map<String, String> postgresEnv(String url, String[] credentials) {
        return Map.of(
                "FLEX_DB_URL",
                url,
                "FLEX_DB_USER",
                PG_USER,
                "FLEX_DB_PASSWORD",
                PG_PASSWORD,
                "FLEX_BOOTSTRAP_ACCOUNT_SID",
                credentials[0],
                "FLEX_BOOTSTRAP_AUTH_TOKEN",
                credentials[1]);
    }

    /** The development credentials the embedded default printed and saved under ./data. */
    static String[] developmentCredentials(Path dir) {
        try {
            Properties p = new Properties();
            p.load(Files.newBufferedReader(dir.resolve("data").resolve("development-account.env")));
            return new String[] {
                p.getProperty("FLEX_ACCOUNT_SID"), p.getProperty("FLEX_AUTH_TOKEN")
            };
        } catch (IOException e) {
            throw new IllegalStateException("no development credentials in " + dir, e);
        }
    }

    static void sql(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    static long scalar(String url, String query) {
        try (Connection c = DriverManager.getConnection(url, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    static String string(String url, String query) {
        try (Connection c = DriverManager.getConnection(url, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
