package dev.flexplugins.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ServiceUnavailableException;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Domain refusals as canonical gRPC codes with google.rpc.Status details. */
final class GrpcErrors {
    static final String DOMAIN = "flexplugins.dev";
    private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

    private GrpcErrors() {}

    /** The request field at fault, as the proto spells it; empty when the request as a whole is. */
    static String field(PluginServiceException e) {
        return GrpcNames.field(e.field());
    }

    static StatusRuntimeException of(PluginServiceException e) {
        String message = bounded(e.message(GrpcNames.inMessage(e.field())));
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setMessage(message);
        switch (e.kind()) {
            case INVALID_ARGUMENT ->
                    status.setCode(Status.Code.INVALID_ARGUMENT.value())
                            .addDetails(
                                    Any.pack(
                                            BadRequest.newBuilder()
                                                    .addFieldViolations(
                                                            BadRequest.FieldViolation.newBuilder()
                                                                    .setField(field(e))
                                                                    .setDescription(message))
                                                    .build()));
            case NOT_FOUND ->
                    status.setCode(Status.Code.NOT_FOUND.value())
                            .addDetails(info("NOT_FOUND", field(e)))
                            .addDetails(
                                    Any.pack(
                                            ResourceInfo.newBuilder()
                                                    .setResourceType(resourceType(e))
                                                    .setResourceName(
                                                            e.resource() == null
                                                                    ? ""
                                                                    : bounded(e.resource()))
                                                    .setDescription(message)
                                                    .build()));
            case ALREADY_EXISTS ->
                    status.setCode(Status.Code.ALREADY_EXISTS.value())
                            .addDetails(info("ALREADY_EXISTS", field(e)));
            case FAILED_PRECONDITION ->
                    status.setCode(Status.Code.FAILED_PRECONDITION.value())
                            .addDetails(info(e.reason(), field(e)));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException unexpected(String method, RuntimeException e) {
        Optional<String> unavailable = ServiceUnavailableException.reason(e);
        if (unavailable.isPresent()) {
            LOG.warn("gRPC {} answered UNAVAILABLE: {}", method, unavailable.get());
            return unavailable(unavailable.get());
        }
        LOG.error("gRPC {} failed", method, e);
        return Status.INTERNAL
                .withDescription("Internal error in " + method + "; see the service log")
                .asRuntimeException();
    }

    /** UNAVAILABLE, which gRPC clients treat as safe to retry; nothing was changed. */
    static StatusRuntimeException unavailable(String message) {
        return StatusProto.toStatusRuntimeException(
                com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.UNAVAILABLE.value())
                        .setMessage(message)
                        .addDetails(
                                Any.pack(
                                        ErrorInfo.newBuilder()
                                                .setReason("UNAVAILABLE")
                                                .setDomain(DOMAIN)
                                                .build()))
                        .addDetails(
                                Any.pack(
                                        RetryInfo.newBuilder()
                                                .setRetryDelay(
                                                        com.google.protobuf.Duration.newBuilder()
                                                                .setSeconds(1))
                                                .build()))
                        .build());
    }

    /** The proto message type of what was not found, for {@code ResourceInfo.resource_type}. */
    static String resourceType(PluginServiceException e) {
        if (e.field() == Parameter.EVENT_POSITION) {
            return "flex.pluginservice.v1.Event";
        }
        if (!(e.field() instanceof Field field)) {
            return "";
        }
        return switch (field) {
            case PLUGIN -> "flex.pluginservice.v1.Plugin";
            case PLUGIN_VERSION -> "flex.pluginservice.v1.PluginVersion";
            case CONFIGURATION, RELEASE_CONFIGURATION -> "flex.pluginservice.v1.Configuration";
            case RELEASE -> "flex.pluginservice.v1.Release";
            default -> "";
        };
    }

    /** The most of a message sent in trailers: it travels twice (grpc-message, status details). */
    static final int MESSAGE_MAX = 512;

    /**
     * A message cut to {@link #MESSAGE_MAX} characters: messages quote the caller's identifiers,
     * and trailers over the client's limit (8 KiB by default) would reach it as a protocol error.
     */
    static String bounded(String message) {
        return message.length() <= MESSAGE_MAX
                ? message
                : message.substring(0, MESSAGE_MAX - 1) + "…";
    }

    /** RESOURCE_EXHAUSTED: too many failed sign-ins; retry after the delay. */
    static StatusRuntimeException throttled(long retryAfterSeconds) {
        return StatusProto.toStatusRuntimeException(
                com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                        .setMessage("Too many failed sign-ins from this address")
                        .addDetails(
                                Any.pack(
                                        ErrorInfo.newBuilder()
                                                .setReason("TOO_MANY_FAILED_SIGN_INS")
                                                .setDomain(DOMAIN)
                                                .build()))
                        .addDetails(
                                Any.pack(
                                        RetryInfo.newBuilder()
                                                .setRetryDelay(
                                                        com.google.protobuf.Duration.newBuilder()
                                                                .setSeconds(retryAfterSeconds))
                                                .build()))
                        .build());
    }

    private static Any info(String reason, String field) {
        return Any.pack(
                ErrorInfo.newBuilder()
                        .setReason(reason)
                        .setDomain(DOMAIN)
                        .putMetadata("field", field)
                        .build());
    }
}
