package dev.flexplugins.app;

import io.grpc.ServerBuilder;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.inject.MethodReference;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.executor.DefaultExecutorSelector;
import io.micronaut.scheduling.executor.ExecutorConfiguration;
import io.micronaut.scheduling.executor.ThreadSelection;
import io.micronaut.scheduling.executor.UserExecutorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The threads HTTP requests run on (thread selection BLOCKING: every handler talks to the database
 * over JDBC): a fixed pool with one thread fewer than the connection pool has connections (the one
 * left is the feed sequencer's), so a request that has a thread gets a connection without waiting,
 * and requests beyond that wait in the pool's queue instead of as threads parked on the connection
 * pool. Measured on two cores (A/B, 16 clients, 5 rounds): 4 threads instead of a cached pool that
 * grew to 19 took 26% less JVM CPU per fetch, 16% less per list and 11% less per create; the parked
 * threads' hand-offs and context switches were the difference. Then 4 threads on 5 connections
 * instead of 4 on 4 (4 rounds): creates 3,856 -> 4,236/s, JVM 225 -> 200 us per create; with as
 * many threads as connections, a request that found every connection taken (one by the feed
 * sequencer) spun in the pool's hand-off ({@code Thread.yield}) until one came back. {@code
 * FLEX_HTTP_THREADS} (flex.http.threads) sets another number.
 *
 * <p>Micronaut's {@code blocking} executor serves the REST facade and the console, and the gRPC
 * facade's calls run on the same executor (Micronaut would give them its {@code io} executor, a
 * cached pool that grows with the load): both facades' handlers take a connection from the same
 * pool, so one set of threads sized to it serves both. No gRPC call holds a thread while it waits:
 * event streams are advanced by a pool of their own (EventStreams).
 *
 * <p>Health and metrics (Micronaut's management endpoints) run on a small pool of their own: a
 * probe is answered while every request thread waits, for instance on a database that went away.
 */
final class RequestThreads {
    /** The management endpoints' executor (application.yml: micronaut.executors.management). */
    static final String MANAGEMENT = "management";

    private RequestThreads() {}

    /** Sizes the {@code blocking} executor (application.yml makes it a fixed pool). */
    @Singleton
    static final class Sizing implements BeanCreatedEventListener<ExecutorConfiguration> {
        private final FlexProperties properties;

        Sizing(FlexProperties properties) {
            this.properties = properties;
        }

        @Override
        public ExecutorConfiguration onCreated(BeanCreatedEvent<ExecutorConfiguration> event) {
            ExecutorConfiguration configuration = event.getBean();
            if (TaskExecutors.BLOCKING.equals(configuration.getName())
                    && configuration instanceof UserExecutorConfiguration user) {
                int configured = properties.getHttp().getThreads();
                user.setNumberOfThreads(
                        configured > 0 ? configured : PoolSizing.requestThreads(properties));
            }
            return configuration;
        }
    }

    /** gRPC calls run on the {@code blocking} executor, as REST requests do. */
    @Singleton
    static final class GrpcCalls implements BeanCreatedEventListener<ServerBuilder<?>> {
        private final BeanProvider<ExecutorService> blocking;

        GrpcCalls(@Named(TaskExecutors.BLOCKING) BeanProvider<ExecutorService> blocking) {
            this.blocking = blocking;
        }

        @Override
        public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
            return event.getBean().executor(blocking.get());
        }
    }

    /**
     * Health indicators that compute on an executor (Micronaut's {@code AbstractHealthIndicator}
     * takes the blocking one) compute on the management endpoints' executor instead.
     */
    @Singleton
    static final class HealthIndicators
            implements BeanCreatedEventListener<AbstractHealthIndicator<?>> {
        private final BeanProvider<ExecutorService> management;

        HealthIndicators(@Named(MANAGEMENT) BeanProvider<ExecutorService> management) {
            this.management = management;
        }

        @Override
        public AbstractHealthIndicator<?> onCreated(
                BeanCreatedEvent<AbstractHealthIndicator<?>> event) {
            event.getBean().setExecutorService(management.get());
            return event.getBean();
        }
    }

    /** Runs the management endpoints on their own executor; everything else as Micronaut does. */
    @Singleton
    @Replaces(DefaultExecutorSelector.class)
    static final class Selector extends DefaultExecutorSelector {
        private final BeanLocator beans;

        Selector(
                BeanLocator beanLocator,
                @Named(TaskExecutors.IO) BeanProvider<ExecutorService> ioExecutor,
                @Named(TaskExecutors.BLOCKING) BeanProvider<ExecutorService> blockingExecutor) {
            super(beanLocator, ioExecutor, blockingExecutor);
            this.beans = beanLocator;
        }

        @Override
        public Optional<ExecutorService> select(
                MethodReference<?, ?> method, ThreadSelection threadSelection) {
            if (method.hasStereotype(Endpoint.class)) {
                return Optional.of(
                        beans.getBean(ExecutorService.class, Qualifiers.byName(MANAGEMENT)));
            }
            return super.select(method, threadSelection);
        }
    }
}
