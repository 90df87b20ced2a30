package dev.flexplugins.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.flexplugins.application.Accounts;
import dev.flexplugins.application.ServiceSettings;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.StatusProto;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * {@code authorization: Basic base64(AccountSid:AuthToken)} on every PluginService call, with the
 * same accounts as REST. Health checks and server reflection stay open, so tools can discover the
 * service before they have credentials.
 */
@Singleton
final class GrpcAuth implements ServerInterceptor {
    static final Context.Key<String> ACCOUNT = Context.key("flex.account");

    /** Who acts: the account SID, or the API key SID it signed in with. */
    static final Context.Key<String> ACTOR = Context.key("flex.actor");

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> FLEX_METADATA =
            Metadata.Key.of("flex-metadata", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> FLEX_METADATA_VALUE = Context.key("flex.metadata");

    private final Accounts accounts;
    private final ServiceSettings settings;

    GrpcAuth(Accounts accounts, ServiceSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!pluginService(call)) {
            return next.startCall(call, headers);
        }
        Accounts.SignIn signIn;
        try {
            signIn =
                    accounts.signIn(
                            headers.get(AUTHORIZATION),
                            settings.clientAddress(address(call), forwardedFor(headers)));
        } catch (RuntimeException e) {
            var failure =
                    GrpcErrors.unexpected(
                            "authentication", e); // UNAVAILABLE when the database is down
            call.close(failure.getStatus(), failure.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        if (signIn instanceof Accounts.SignIn.Throttled throttled) {
            var exception = GrpcErrors.throttled(throttled.retryAfterSeconds());
            call.close(exception.getStatus(), exception.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        if (!(signIn instanceof Accounts.SignIn.Accepted accepted)) {
            com.google.rpc.Status status =
                    com.google.rpc.Status.newBuilder()
                            .setCode(io.grpc.Status.Code.UNAUTHENTICATED.value())
                            .setMessage(
                                    "Authentication failed: send authorization: Basic base64(AccountSid:AuthToken)")
                            .addDetails(
                                    Any.pack(
                                            ErrorInfo.newBuilder()
                                                    .setReason("AUTHENTICATION_FAILED")
                                                    .setDomain(GrpcErrors.DOMAIN)
                                                    .build()))
                            .build();
            var exception = StatusProto.toStatusRuntimeException(status);
            call.close(exception.getStatus(), exception.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        String account = accepted.accountSid();
        Context context =
                Context.current()
                        .withValue(ACCOUNT, account)
                        .withValue(ACTOR, accepted.actor())
                        .withValue(FLEX_METADATA_VALUE, headers.get(FLEX_METADATA));
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** Calls of our own services; health checks and reflection are not guarded. */
    static boolean pluginService(ServerCall<?, ?> call) {
        String service = call.getMethodDescriptor().getServiceName();
        return service != null && service.startsWith("flex.");
    }

    private static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

    private static String forwardedFor(Metadata headers) {
        Iterable<String> values = headers.getAll(FORWARDED_FOR);
        return values == null ? null : String.join(",", values);
    }

    private static String address(ServerCall<?, ?> call) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : "";
    }
}
