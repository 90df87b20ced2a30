package dev.flexplugins.app;

import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Limits of the gRPC port's connections (README, "Security"): the HTTP/2 handshake must finish
 * promptly, idle connections close, every connection is recycled after a maximum age (with a grace
 * for calls in progress), keep-alive pings are sent and too-frequent client pings refused, and
 * request headers are bounded.
 */
@Singleton
final class GrpcConnectionLimits implements BeanCreatedEventListener<ServerBuilder<?>> {
    private final FlexProperties.Grpc limits;

    GrpcConnectionLimits(FlexProperties properties) {
        this.limits = properties.getGrpc();
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        if (event.getBean() instanceof NettyServerBuilder netty) {
            netty.handshakeTimeout(limits.getHandshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionIdle(
                            limits.getMaxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionAge(
                            limits.getMaxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionAgeGrace(
                            limits.getMaxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTime(limits.getKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(
                            limits.getKeepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .maxInboundMetadataSize(limits.getMaxMetadataBytes());
        }
        return event.getBean();
    }
}
