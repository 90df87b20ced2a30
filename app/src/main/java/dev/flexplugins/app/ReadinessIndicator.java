package dev.flexplugins.app;

import dev.flexplugins.application.Availability;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness}: DOWN while the node is stopping or its database is unreachable or
 * read-only, so load balancers send traffic elsewhere; gRPC health follows the same state. Details
 * show the lifecycle phase, requests in flight, and how far the audit feed trails the log.
 */
@Singleton
@Requires(notEnv = "cli")
@Readiness
final class ReadinessIndicator implements HealthIndicator {
    private final Availability availability;
    private final DatabaseMonitor monitor;

    ReadinessIndicator(Availability availability, DatabaseMonitor monitor) {
        this.availability = availability;
        this.monitor = monitor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        DatabaseMonitor.Probe probe = monitor.last();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("phase", availability.phase().name());
        details.put("database", probe.up() ? "UP" : probe.problem());
        details.put("inFlight", availability.inFlight());
        details.put("feedLagEvents", probe.feedLagEvents());
        details.put("feedLagSeconds", probe.feedLagSeconds());
        return Publishers.just(
                HealthResult.builder(
                                "flexPluginService",
                                availability.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                        .details(details)
                        .build());
    }
}
