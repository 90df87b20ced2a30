package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pool keeps one connection beyond the request threads, for the feed's sequencer. */
class PoolSizingTest {

    @Test
    void byDefaultTwoConnectionsPerCpuServeRequestsAndOneMoreTheFeed() {
        FlexProperties properties = new FlexProperties();
        int forRequests = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        assertEquals(forRequests + 1, PoolSizing.connections(properties));
        assertEquals(forRequests, PoolSizing.requestThreads(properties));
    }

    @Test
    void aConfiguredPoolIsTakenAsItIsAndRequestsGetAllButOneOfIt() {
        FlexProperties properties = new FlexProperties();
        properties.getDb().setPoolSize(10);
        assertEquals(10, PoolSizing.connections(properties));
        assertEquals(9, PoolSizing.requestThreads(properties));
        properties.getDb().setPoolSize(1);
        assertEquals(1, PoolSizing.connections(properties));
        assertEquals(1, PoolSizing.requestThreads(properties), "never no thread at all");
    }
}
