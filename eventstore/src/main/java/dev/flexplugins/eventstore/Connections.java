package dev.flexplugins.eventstore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the store gets its connections: inside a transaction, the transaction's (closing it must
 * not end the transaction), else a pooled one. The store closes every connection it gets.
 */
@FunctionalInterface
public interface Connections {
    Connection get() throws SQLException;
}
