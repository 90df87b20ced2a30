package dev.flexplugins.grpc;

import dev.flexplugins.application.Availability;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits every PluginService call through {@link Availability} (UNAVAILABLE when the node is
 * stopping or its database is down), counts it while in flight so shutdown can wait for it, and
 * makes the standard health service follow readiness.
 */
@Singleton
final class GrpcAdmission implements ServerInterceptor, Ordered {
    private final Availability availability;

    GrpcAdmission(Availability availability, HealthStatusManager health) {
        this.availability = availability;
        availability.onReadinessChange(
                ready -> {
                    ServingStatus status =
                            ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
                    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
                    health.setStatus(PluginServiceGrpc.SERVICE_NAME, status);
                });
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!GrpcAuth.pluginService(call)) {
            return next.startCall(call, headers);
        }
        Optional<String> refused = availability.admit();
        if (refused.isPresent()) {
            var e = GrpcErrors.unavailable(refused.get());
            call.close(e.getStatus(), e.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release =
                () -> {
                    if (released.compareAndSet(false, true)) {
                        availability.done();
                    }
                };
        ServerCall<Q, R> counted =
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        try {
                            super.close(status, trailers);
                        } finally {
                            release.run();
                        }
                    }
                };
        try {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                    next.startCall(counted, headers)) {
                @Override
                public void onCancel() {
                    try {
                        super.onCancel();
                    } finally {
                        release.run();
                    }
                }
            };
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }
}
