package dev.flexplugins.app;

import dev.flexplugins.application.Availability;
import dev.flexplugins.application.SignInThrottle;
import dev.flexplugins.projections.ViewReceipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * What the service reports in Prometheus format at {@code /prometheus}, beside Micronaut's HTTP
 * server timers and the connection pool's gauges: gRPC calls by method and status, command latency
 * by command and outcome, events appended, requests in flight, readiness and the feed's lag.
 */
@Factory
@Requires(notEnv = "cli")
class ServiceMetrics {

    /**
     * gRPC server calls: {@code grpc_server_processing_duration_seconds} by service, method,
     * status.
     */
    @Singleton
    MetricCollectingServerInterceptor grpcMetrics(MeterRegistry registry) {
        return new MetricCollectingServerInterceptor(registry);
    }

    /**
     * Latency histograms (Prometheus buckets) for requests and commands, so percentiles can be
     * computed.
     */
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(
                    Meter.Id id, DistributionStatisticConfig config) {
                String name = id.getName();
                if (name.equals("http.server.requests")
                        || name.equals("flex.commands")
                        || name.equals("grpc.server.processing.duration")) {
                    return DistributionStatisticConfig.builder()
                            .percentilesHistogram(true)
                            .build()
                            .merge(config);
                }
                return config;
            }
        };
    }

    @Context
    Registered registered(
            MeterRegistry registry,
            Configuration axon,
            Availability availability,
            DatabaseMonitor monitor,
            SignInThrottle signIns,
            SlowClientGuard connections) {
        Counter appended =
                Counter.builder("flex.events.appended")
                        .description("Events committed to the log by this node")
                        .register(registry);
        axon.commandBus().registerHandlerInterceptor(timing(registry, appended));
        Gauge.builder("flex.requests.inflight", availability, Availability::inFlight)
                .description("REST and gRPC requests being served")
                .register(registry);
        Gauge.builder("flex.ready", availability, a -> a.ready() ? 1 : 0)
                .description("1 when the node takes traffic (readiness UP)")
                .register(registry);
        Gauge.builder("flex.feed.lag.events", monitor, m -> m.last().feedLagEvents())
                .description("Events in the log not yet positioned in the audit feed")
                .register(registry);
        Gauge.builder("flex.feed.lag.seconds", monitor, m -> m.last().feedLagSeconds())
                .description("Age of the oldest event not yet positioned in the audit feed")
                .register(registry);
        FunctionCounter.builder("flex.auth.failures", signIns, SignInThrottle::failures)
                .description(
                        "Failed sign-ins (wrong or missing credentials), REST, gRPC and console")
                .register(registry);
        FunctionCounter.builder("flex.auth.throttled", signIns, SignInThrottle::throttled)
                .description("Sign-ins refused because their client address failed too often")
                .register(registry);
        FunctionCounter.builder("flex.auth.account.alerts", signIns, SignInThrottle::accountAlerts)
                .description(
                        "Times an account SID reached FLEX_AUTH_ACCOUNT_ALERT_FAILURES failed"
                                + " sign-ins in a window (logged; never a refusal)")
                .register(registry);
        Map<String, ToDoubleFunction<SlowClientGuard>> closed =
                Map.of(
                        "silent", SlowClientGuard::closedSilent,
                        "slow", SlowClientGuard::closedSlow,
                        "over_limit", SlowClientGuard::closedOverLimit);
        closed.forEach(
                (reason, count) ->
                        FunctionCounter.builder("flex.http.connections.closed", connections, count)
                                .description(
                                        "REST connections the service closed: no request within"
                                                + " the read timeout of connecting (silent), a"
                                                + " request not whole within it (slow), over"
                                                + " FLEX_HTTP_MAX_CONNECTIONS (over_limit)")
                                .tag("reason", reason)
                                .register(registry));
        Gauge.builder("flex.http.connections.open", connections, SlowClientGuard::open)
                .description("Open REST connections")
                .register(registry);
        return new Registered();
    }

    private static MessageHandlerInterceptor<CommandMessage<?>> timing(
            MeterRegistry registry, Counter appended) {
        return (unitOfWork, chain) -> {
            Timer.Sample sample = Timer.start(registry);
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            unitOfWork.afterCommit(
                    u -> {
                        sample.stop(commandTimer(registry, command, "committed"));
                        // the events counted on the command's receipt as they were appended
                        ViewReceipt.of(u.getMessage())
                                .ifPresent(views -> appended.increment(views.events()));
                    });
            unitOfWork.onRollback(u -> sample.stop(commandTimer(registry, command, "refused")));
            return chain.proceed();
        };
    }

    private static Timer commandTimer(MeterRegistry registry, String command, String outcome) {
        return Timer.builder("flex.commands")
                .tag("command", command)
                .tag("outcome", outcome)
                .description("Command handling, from dispatch to commit")
                .register(registry);
    }

    /** Marks that the service's meters are registered. */
    static final class Registered {}
}
