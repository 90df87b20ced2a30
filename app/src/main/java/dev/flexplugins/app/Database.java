package dev.flexplugins.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
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

    /** H2's "Database may be already in use" (another process holds the file). */
    private static final int H2_DATABASE_IN_USE = 90020;

    /**
     * True when {@code failure} (or a cause) says the embedded database is open in another process.
     */
    public static boolean inUse(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InUse
                    || (t instanceof SQLException sql
                            && sql.getErrorCode() == H2_DATABASE_IN_USE)) {
                return true;
            }
        }
        return false;
    }

    /** The embedded database is open in another process: only one process may open it. */
    public static final class InUse extends IllegalStateException {
        public InUse() {
            super(
                    "The embedded database is open in another process (a running service?); only one"
                            + " process may open it. Stop that service (SIGTERM lets it finish its requests) and"
                            + " run the command again, or run the service on PostgreSQL (FLEX_DB_URL), where"
                            + " operator commands run beside it.");
        }
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
            if (inUse(e)) {
                throw new InUse();
            }
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

    /**
     * A connection of its own, outside the pool, for the database monitor: whether the database
     * answers must not depend on whether the pool has a connection free (a busy pool is not an
     * outage, and a pool that cannot connect makes each caller wait its full timeout). On
     * PostgreSQL it gives up connecting after 2 s and reading after 5 s.
     */
    Connection openOwnConnection() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (vendor == Vendor.POSTGRESQL) {
            properties.setProperty("connectTimeout", "2");
            properties.setProperty("socketTimeout", "5");
            properties.setProperty("ApplicationName", "flex-plugin-service monitor");
        }
        return new DriverDataSource(
                        pool.getJdbcUrl(),
                        pool.getDriverClassName(),
                        properties,
                        pool.getUsername(),
                        pool.getPassword())
                .getConnection();
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
