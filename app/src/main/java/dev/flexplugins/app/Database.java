package dev.flexplugins.app;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database: which vendor it is, and its schema, migrated by Flyway before anything uses it. */
@Singleton
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    public enum Vendor {
        POSTGRESQL,
        H2
    }

    private final DataSource dataSource;
    private final Vendor vendor;
    private final String url;

    /**
     * @param dataSource the configured pool; Micronaut's transaction-aware wrapper is looked
     *     through
     */
    public Database(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection c = this.dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            this.url = c.getMetaData().getURL();
            if (product.contains("postgres")) {
                vendor = Vendor.POSTGRESQL;
            } else if (product.contains("h2")) {
                vendor = Vendor.H2;
            } else {
                throw new IllegalStateException(
                        "Unsupported database " + product + ": use PostgreSQL or H2");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
        }
        migrate();
    }

    private void migrate() {
        String vendorFolder = vendor == Vendor.POSTGRESQL ? "postgresql" : "h2";
        Flyway flyway =
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(
                                "classpath:db/migration/common",
                                "classpath:db/migration/" + vendorFolder)
                        .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info(
                "Database {} ({}) is at schema version {} ({} migrations applied now)",
                url,
                vendor,
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(),
                applied);
    }

    /** The pool itself: plain auto-commit connections, whether or not a transaction is active. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** True for the zero-setup default (an H2 file under ./data). */
    public boolean embedded() {
        return vendor == Vendor.H2;
    }
}
