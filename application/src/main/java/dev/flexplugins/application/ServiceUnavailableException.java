package dev.flexplugins.application;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.NoHandlerForCommandException;

/**
 * The service cannot answer now, and a retry later may well succeed: the database is unreachable or
 * read-only (a failover in progress), a lock was not granted in time, or this node is stopping.
 * Nothing was changed. The facades answer 503 with {@code Retry-After} (REST) or {@code
 * UNAVAILABLE} (gRPC).
 */
public class ServiceUnavailableException extends RuntimeException {
    public static final String DATABASE = "The database is unavailable; retry shortly";
    public static final String STOPPING =
            "This node is shutting down; retry on another node or shortly";
    public static final String BUSY =
            "The database is busy with a conflicting change; retry shortly";

    /**
     * SQLSTATEs of a lock that was not granted in time: H2's lock timeout (HYT00, for instance on a
     * row another transaction is writing) and PostgreSQL's lock_not_available (55P03). The
     * statement failed and the transaction is rolled back: nothing was changed.
     */
    private static final Set<String> LOCK_TIMEOUTS = Set.of("HYT00", "55P03");

    /**
     * SQLSTATEs that mean "not now" rather than "wrong request": connection failures (class 08),
     * the server shutting down or starting (57P01-57P03), too many connections (53300), a write on
     * a standby (25006), and H2's closed-database codes.
     */
    private static final Set<String> STATES =
            Set.of("57P01", "57P02", "57P03", "53300", "25006", "90098", "90067", "90121", "90020");

    public ServiceUnavailableException(String message) {
        super(message, null, false, false);
    }

    /**
     * Why {@code failure} means the service is unavailable, or empty when it is something else (a
     * bug, a refused request). Looks through the whole cause chain, as Axon and the JDBC helpers
     * wrap what the driver threw.
     */
    public static Optional<String> reason(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof ServiceUnavailableException e) {
                return Optional.of(e.getMessage());
            }
            if (t instanceof NoHandlerForCommandException) {
                return Optional.of(STOPPING); // the command side has already been unsubscribed
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || t instanceof SocketException
                    || t instanceof EOFException) {
                return Optional.of(DATABASE);
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null) { // a driver error may have none
                        if (state.startsWith("08") || STATES.contains(state)) {
                            return Optional.of(DATABASE);
                        }
                        if (LOCK_TIMEOUTS.contains(state)) {
                            return Optional.of(BUSY);
                        }
                    }
                    String message = String.valueOf(e.getMessage());
                    if (message.contains("has been closed")
                            || message.contains("Connection is closed")) {
                        return Optional.of(DATABASE);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
