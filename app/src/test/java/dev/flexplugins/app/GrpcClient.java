package dev.flexplugins.app;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A real gRPC channel to the running service, and helpers to read google.rpc.Status details. */
final class GrpcClient implements AutoCloseable {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    final ManagedChannel channel;

    GrpcClient(RunningService service) {
        channel =
                NettyChannelBuilder.forAddress("localhost", service.grpcPort())
                        .usePlaintext()
                        .build();
    }

    /** A blocking stub that authenticates as {@code sid:token} (null for none). */
    PluginServiceGrpc.PluginServiceBlockingStub stub(String sid, String token) {
        PluginServiceGrpc.PluginServiceBlockingStub stub =
                PluginServiceGrpc.newBlockingStub(channel);
        if (sid == null) {
            return stub;
        }
        return stub.withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(basicAuth(sid, token)));
    }

    /** The Basic-auth header of {@code sid:token}, as a gRPC client sends it. */
    static Metadata basicAuth(String sid, String token) {
        Metadata headers = new Metadata();
        headers.put(
                AUTHORIZATION,
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (sid + ":" + token).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    static com.google.rpc.Status details(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            throw new AssertionError("no google.rpc.Status details in " + e);
        }
        return status;
    }

    /** The field named by the BadRequest violation of an INVALID_ARGUMENT error. */
    static String badField(StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
            throw new AssertionError("expected INVALID_ARGUMENT, got " + e.getStatus());
        }
        try {
            for (var any : details(e).getDetailsList()) {
                if (any.is(BadRequest.class)) {
                    return any.unpack(BadRequest.class).getFieldViolations(0).getField();
                }
            }
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
        throw new AssertionError("no BadRequest detail in " + e);
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) {
        try {
            for (var any : details(e).getDetailsList()) {
                if (any.is(ErrorInfo.class)) {
                    return any.unpack(ErrorInfo.class);
                }
            }
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
        throw new AssertionError("no ErrorInfo detail in " + e);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
