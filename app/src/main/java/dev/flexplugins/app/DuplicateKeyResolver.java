package dev.flexplugins.app;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an insert hit a unique key (SQLSTATE 23505 on PostgreSQL and H2), which turns a
 * lost race for an aggregate's sequence number into a ConcurrencyException.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {
    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if ("23505".equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
