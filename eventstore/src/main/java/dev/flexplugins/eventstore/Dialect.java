package dev.flexplugins.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the event store does differently on PostgreSQL and on H2, and nothing else: writing a page
 * of feed positions in one round trip, and holding appends while a replay swaps its tables. Each
 * side has its own tests ({@code EventStoreTest} runs on the database the build tests against).
 */
public interface Dialect {
    /**
     * Writes {@code entries} at the positions after the last one, in their order, on {@code c} (the
     * sequencer's transaction).
     */
    void position(Connection c, List<FeedEntry> entries) throws SQLException;

    /**
     * Makes every other transaction that appends wait until {@code c}'s transaction ends (a
     * replay's final catch-up and table swap). Answers what to run after that transaction has
     * ended, on a connection of its own (null: nothing).
     */
    String holdAppends(Connection c) throws SQLException;

    static Dialect postgresql() {
        return new PostgresDialect();
    }

    static Dialect h2() {
        return new H2Dialect();
    }

    /** The dialect of the database {@code c} is connected to (PostgreSQL or H2). */
    static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return new PostgresDialect();
        }
        if ("H2".equalsIgnoreCase(product)) {
            return new H2Dialect();
        }
        throw new IllegalArgumentException("no event store dialect for " + product);
    }
}
