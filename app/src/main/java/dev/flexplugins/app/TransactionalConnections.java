package dev.flexplugins.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * One JDBC transaction per unit of work, bound to the thread. Axon's command bus starts it when a
 * command's unit of work begins and commits it after the events are appended and the views updated,
 * so an event and its view rows commit or roll back together. Outside a transaction, connections are
 * plain auto-commit ones (reads).
 */
final class TransactionalConnections implements ConnectionProvider, TransactionManager {

    private final DataSource dataSource;
    private final Runnable beforeCommit;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    /**
     * @param beforeCommit runs just before each commit, in the committing thread; when it throws, the
     *                     transaction rolls back instead
     */
    TransactionalConnections(DataSource dataSource, Runnable beforeCommit) {
        this.dataSource = dataSource;
        this.beforeCommit = beforeCommit;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = current.get();
        return connection == null ? dataSource.getConnection() : withoutClose(connection);
    }

    @Override
    public Transaction startTransaction() {
        if (current.get() != null) {
            return NESTED;
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            current.set(connection);
            return new Transaction() {
                private boolean finished;

                @Override
                public void commit() {
                    try {
                        beforeCommit.run();
                    } catch (RuntimeException refused) {
                        rollback();
                        throw refused;
                    }
                    finished = true;
                    finish(connection, true);
                }

                @Override
                public void rollback() {
                    if (!finished) {
                        finished = true;
                        finish(connection, false);
                    }
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start a database transaction: " + e.getMessage(), e);
        }
    }

    private void finish(Connection connection, boolean commit) {
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException((commit ? "commit" : "rollback") + " failed: " + e.getMessage(), e);
        } finally {
            current.remove();
            try {
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }

    private static final Transaction NESTED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private static Connection withoutClose(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
