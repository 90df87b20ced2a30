package dev.flexplugins.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database for one test class: a fresh PostgreSQL database (created and dropped on the
 * server named by FLEX_TEST_PG_URL, default 127.0.0.1:5432 as postgres) when the build runs with
 * -Dflex.test.db=postgres, or a fresh embedded H2 file database otherwise.
 */
final class TestDatabase implements AutoCloseable {
    static final String ADMIN_URL =
            env("FLEX_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String PG_USER = env("FLEX_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = env("FLEX_TEST_PG_PASSWORD", "");

    final String url;
    final String user;
    final String password;
    private final String pgName;
    private final Path h2Dir;

    private TestDatabase(String url, String user, String password, String pgName, Path h2Dir) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.pgName = pgName;
        this.h2Dir = h2Dir;
    }

    static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("flex.test.db", "h2"));
    }

    static TestDatabase create() {
        try {
            if (postgres()) {
                String name =
                        "flex_test_"
                                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
                        Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
                return new TestDatabase(url, PG_USER, PG_PASSWORD, name, null);
            }
            Path dir = Files.createTempDirectory("flex-test-h2");
            return new TestDatabase(
                    "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                    "sa",
                    "",
                    null,
                    dir);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        try {
            if (pgName != null) {
                try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
                        Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                }
            } else if (h2Dir != null) {
                try (Stream<Path> files = Files.walk(h2Dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot drop the test database: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
