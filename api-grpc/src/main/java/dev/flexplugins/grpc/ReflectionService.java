package dev.flexplugins.grpc;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Server reflection, so grpcurl-style tools can list and describe the service: {@code
 * grpc.reflection.v1}, and {@code grpc.reflection.v1alpha}, which grpcurl before 1.8.8, grpcui,
 * Postman and Evans still ask for.
 */
@Factory
final class ReflectionService {
    @Singleton
    @Named("reflection-v1")
    BindableService reflection() {
        return ProtoReflectionServiceV1.newInstance();
    }

    @Singleton
    @Named("reflection-v1alpha")
    @SuppressWarnings("deprecation") // v1alpha is what older tools speak
    BindableService reflectionV1alpha() {
        return ProtoReflectionService.newInstance();
    }
}
