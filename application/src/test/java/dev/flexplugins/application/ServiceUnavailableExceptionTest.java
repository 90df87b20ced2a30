package dev.flexplugins.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.junit.jupiter.api.Test;

/** Which failures are "retry later" (503 / UNAVAILABLE) and which are not. */
class ServiceUnavailableExceptionTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainMeanTheDatabaseIsUnavailable() {
        assertEquals(
                Optional.of(ServiceUnavailableException.DATABASE),
                ServiceUnavailableException.reason(
                        new IllegalStateException(
                                "view query failed",
                                new SQLTransientConnectionException("pool timeout"))));
        assertEquals(
                Optional.of(ServiceUnavailableException.DATABASE),
                ServiceUnavailableException.reason(
                        new RuntimeException(new SQLException("terminating connection", "57P01"))));
        assertEquals(
                Optional.of(ServiceUnavailableException.DATABASE),
                ServiceUnavailableException.reason(
                        new SQLException("connection failure", "08006")));
        assertEquals(
                Optional.of(ServiceUnavailableException.DATABASE),
                ServiceUnavailableException.reason(
                        new SQLException(
                                "cannot execute INSERT in a read-only transaction", "25006")));
        assertEquals(
                Optional.of(ServiceUnavailableException.DATABASE),
                ServiceUnavailableException.reason(
                        new RuntimeException(new ConnectException("Connection refused"))));
    }

    @Test
    void aStoppingCommandSideMeansTheNodeIsStopping() {
        assertEquals(
                Optional.of(ServiceUnavailableException.STOPPING),
                ServiceUnavailableException.reason(
                        new NoHandlerForCommandException(
                                "No handler was subscribed for command CreatePluginVersion")));
        assertEquals(
                Optional.of("custom"),
                ServiceUnavailableException.reason(
                        new RuntimeException(new ServiceUnavailableException("custom"))));
    }

    @Test
    void aLockNotGrantedInTimeMeansRetryShortly() {
        assertEquals(
                Optional.of(ServiceUnavailableException.BUSY),
                ServiceUnavailableException.reason(
                        new RuntimeException(
                                new SQLException("Timeout trying to lock table", "HYT00", 50200))));
        assertEquals(
                Optional.of(ServiceUnavailableException.BUSY),
                ServiceUnavailableException.reason(
                        new SQLException("could not obtain lock on row", "55P03")));
    }

    @Test
    void otherFailuresAreNotOutages() {
        assertTrue(
                ServiceUnavailableException.reason(new SQLException("duplicate key", "23505"))
                        .isEmpty());
        assertTrue(ServiceUnavailableException.reason(new NullPointerException()).isEmpty());
        assertTrue(
                ServiceUnavailableException.reason(new SQLException("a driver error without state"))
                        .isEmpty());
        assertTrue(ServiceUnavailableException.reason(new IllegalStateException("bug")).isEmpty());
    }
}
