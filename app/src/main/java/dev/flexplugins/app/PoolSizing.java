package dev.flexplugins.app;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Without FLEX_DB_POOL_SIZE (flex.db.pool-size), the pool holds two connections per CPU (at least
 * 4) for requests, plus one for the event feed's sequencer (see {@link RequestThreads}). Measured
 * on two cores (bench/run), 4 connections for requests fetched 50% faster and created 40% faster
 * than 20: more connections than the database can run at once only add contention.
 */
@Singleton
final class PoolSizing implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final FlexProperties properties;

    PoolSizing(FlexProperties properties) {
        this.properties = properties;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.setMaximumPoolSize(connections(properties));
        return configuration;
    }

    /** The pool's size: flex.db.pool-size, or two per CPU (at least 4) plus one. */
    static int connections(FlexProperties properties) {
        int configured = properties.getDb().getPoolSize();
        return configured > 0
                ? configured
                : Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) + 1;
    }

    /**
     * Threads for requests: one fewer than the pool's connections (at least one), so the feed's
     * sequencer, which positions every committed event, always finds a connection free, and a
     * request never waits for one the sequencer holds.
     */
    static int requestThreads(FlexProperties properties) {
        return Math.max(1, connections(properties) - 1);
    }
}
