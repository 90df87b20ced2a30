package dev.flexplugins.app;

import dev.flexplugins.application.ServiceUnavailableException;
import io.micronaut.transaction.SynchronousTransactionManager;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions are Micronaut JDBC transactions. Axon starts one when a command's unit of
 * work begins (and around each batch and claim of a tracking processor) and commits it after the
 * events are appended and the views updated, so an event and its view rows commit or roll back
 * together.
 *
 * <p>Micronaut's transaction manager opens the connection, turns auto-commit off, commits or rolls
 * back, and returns the connection. What is left here is the binding: Micronaut makes a
 * transaction's connection visible to other code only inside its callback API ({@code execute}),
 * and Axon begins and commits in separate calls, so the transaction of the current thread is
 * remembered here. Inside it, every connection Axon, the views and the event log ask for is the
 * transaction's own (closing it is a no-op, Axon's wrapper); outside, a plain pooled auto-commit
 * connection (reads).
 *
 * <p>This is the one thread-local in the code ({@code ArchitectureTest} allows it here only), and
 * it carries no data of ours. The frameworks require it: Axon begins and commits a transaction in
 * separate calls, and its components (the unit of work, the token store) and our event store and
 * views ask a {@link ConnectionProvider} for "the connection" with no transaction argument.
 *
 * <p>While the database monitor finds the database unavailable, no connection is asked of the pool:
 * a request that was admitted before the outage was noticed, and waited for a request thread, is
 * answered 503 at once instead of waiting for the pool (which cannot connect) and then answering
 * 503 anyway. The monitor probes on a connection of its own.
 */
final class MicronautTransactions implements TransactionManager, ConnectionProvider {

    private final SynchronousTransactionManager<Connection> transactions;
    private final DataSource plain;
    private final Supplier<String> databaseProblem;
    private final ThreadLocal<TransactionStatus<Connection>> current = new ThreadLocal<>();

    /**
     * @param plain the pool, for connections outside a transaction
     * @param databaseProblem why the database is unavailable now, or null (the monitor's finding)
     */
    MicronautTransactions(
            SynchronousTransactionManager<Connection> transactions,
            DataSource plain,
            Supplier<String> databaseProblem) {
        this.transactions = transactions;
        this.plain = plain;
        this.databaseProblem = databaseProblem;
    }

    private void requireDatabase() {
        if (databaseProblem.get() != null) {
            throw new ServiceUnavailableException(ServiceUnavailableException.DATABASE);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        TransactionStatus<Connection> status = current.get();
        if (status == null) {
            requireDatabase();
            return plain.getConnection();
        }
        return ConnectionWrapperFactory.wrap(
                status.getConnection(), new ConnectionWrapperFactory.NoOpCloseHandler());
    }

    @Override
    public Transaction startTransaction() {
        if (current.get() != null) {
            return JOINED;
        }
        requireDatabase();
        TransactionStatus<Connection> status =
                transactions.getTransaction(TransactionDefinition.DEFAULT);
        current.set(status);
        return new Transaction() {
            @Override
            public void commit() {
                current.remove();
                transactions.commit(status);
            }

            @Override
            public void rollback() {
                current.remove();
                if (!status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }

    /** Work that joins the thread's transaction: the outermost one commits or rolls back. */
    private static final Transaction JOINED =
            new Transaction() {
                @Override
                public void commit() {}

                @Override
                public void rollback() {}
            };
}
