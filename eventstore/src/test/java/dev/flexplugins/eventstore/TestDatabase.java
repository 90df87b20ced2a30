package dev.flexplugins.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A throw-away database with this module's tables: a fresh PostgreSQL database (on the server named
 * by FLEX_TEST_PG_URL, default 127.0.0.1:5432 as postgres) when the build runs with
 * -Dflex.test.db=postgres, else an in-memory H2 database.
 */
final class TestDatabase implements AutoCloseable {
    private static final String ADMIN_URL =
            env("FLEX_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = env("FLEX_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("FLEX_TEST_PG_PASSWORD", "");

    private final String url;
    private final String user;
    private final String password;
    private final String pgName;

    private TestDatabase(String url, String user, String password, String pgName) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.pgName = pgName;
    }

    static TestDatabase create() throws SQLException {
        TestDatabase db;
        String vendor;
        if ("postgres".equalsIgnoreCase(System.getProperty("flex.test.db", "h2"))) {
            String name =
                    "flex_es_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            db =
                    new TestDatabase(
                            ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name,
                            PG_USER,
                            PG_PASSWORD,
                            name);
            vendor = "postgresql";
        } else {
            db =
                    new TestDatabase(
                            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                            "sa",
                            "",
                            null);
            vendor = "h2";
        }
        Flyway.configure()
                .dataSource(db.url, db.user, db.password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .load()
                .migrate();
        return db;
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
            } else {
                try (Connection c = connect();
                        Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
