package dev.flexplugins.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import dev.flexplugins.domain.api.PluginServiceException;
import io.grpc.ForwardingServerCallListener;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests that are not what the proto describes are the caller's fault, answered {@code
 * INVALID_ARGUMENT} with the field named, before any handler sees them: bytes that do not parse as
 * the request message (instead of grpc-java's INTERNAL and a logged stack trace), and strings
 * holding a NUL character, which no identifier or text accepts and databases refuse.
 */
final class RequestHygiene {
    private RequestHygiene() {}

    /** {@code service} with every method's requests parsed and checked as above. */
    static ServerServiceDefinition guard(ServerServiceDefinition service) {
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        ServiceDescriptor.Builder descriptor =
                ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
                        // keeps the proto schema, which server reflection serves
                        .setSchemaDescriptor(service.getServiceDescriptor().getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<?, ?> checked = guarded(method);
            methods.add(checked);
            descriptor.addMethod(checked.getMethodDescriptor());
        }
        ServerServiceDefinition.Builder builder =
                ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> guarded(
            ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        MethodDescriptor.Marshaller<Q> requests = descriptor.getRequestMarshaller();
        MethodDescriptor.Marshaller<Q> checked =
                new MethodDescriptor.Marshaller<>() {
                    @Override
                    public InputStream stream(Q value) {
                        return requests.stream(value);
                    }

                    /**
                     * A request that does not parse is handed on as null, which {@link Checked}
                     * refuses (grpc-java never delivers a null message of its own): grpc-java
                     * answers a throwing marshaller with UNKNOWN and a logged stack trace.
                     */
                    @Override
                    public Q parse(InputStream stream) {
                        try {
                            return requests.parse(stream);
                        } catch (RuntimeException e) {
                            return null;
                        }
                    }
                };
        ServerCallHandler<Q, R> handler = method.getServerCallHandler();
        ServerCallHandler<Q, R> checkedHandler =
                (call, headers) ->
                        new Checked<>(
                                handler.startCall(call, headers),
                                call,
                                descriptor.getBareMethodName(),
                                descriptor.getFullMethodName());
        return ServerMethodDefinition.create(
                descriptor.toBuilder().setRequestMarshaller(checked).build(), checkedHandler);
    }

    /**
     * Delivers a request only when it parsed and holds no NUL; and is the net under every handler:
     * a refusal that escaped it is answered as the domain's error, anything else as {@link
     * GrpcErrors#unexpected} (logged once), never grpc-java's UNKNOWN.
     */
    private static final class Checked<Q, R>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;
        private final String method;
        private final String fullMethod;
        private boolean closed;

        Checked(
                ServerCall.Listener<Q> delegate,
                ServerCall<Q, R> call,
                String method,
                String fullMethod) {
            super(delegate);
            this.call = call;
            this.method = method;
            this.fullMethod = fullMethod;
        }

        @Override
        public void onMessage(Q message) {
            StatusRuntimeException refusal = null;
            if (message instanceof Message proto) {
                Optional<String> field = nulField(proto, "");
                if (field.isPresent()) {
                    refusal =
                            invalid(field.get(), field.get() + " must not contain a NUL character");
                }
            }
            if (message == null) { // it did not parse (see the marshaller)
                refusal =
                        invalid(
                                "",
                                "The request is not a valid " + fullMethod + " request message");
            }
            if (refusal != null) {
                close(refusal);
                return;
            }
            guard(() -> super.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            if (!closed) {
                guard(super::onHalfClose);
            }
        }

        private void guard(Runnable step) {
            try {
                step.run();
            } catch (PluginServiceException e) {
                close(GrpcErrors.of(e));
            } catch (RuntimeException e) {
                close(GrpcErrors.unexpected(method, e));
            }
        }

        private void close(StatusRuntimeException answer) {
            closed = true;
            try {
                call.close(answer.getStatus(), answer.getTrailers());
            } catch (IllegalStateException alreadyClosed) {
                // the handler had answered before it failed
            }
        }
    }

    /** The path of the first string field holding a NUL, at any depth. */
    static Optional<String> nulField(Message message, String prefix) {
        for (var entry : message.getAllFields().entrySet()) {
            Descriptors.FieldDescriptor field = entry.getKey();
            String path = prefix + field.getName();
            List<?> values =
                    field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
            for (Object value : values) {
                if (value instanceof String text && text.indexOf('\0') >= 0) {
                    return Optional.of(path);
                }
                if (value instanceof Message nested) {
                    Optional<String> inner = nulField(nested, path + ".");
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static StatusRuntimeException invalid(String field, String message) {
        return StatusProto.toStatusRuntimeException(
                com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.INVALID_ARGUMENT.value())
                        .setMessage(message)
                        .addDetails(
                                com.google.protobuf.Any.pack(
                                        BadRequest.newBuilder()
                                                .addFieldViolations(
                                                        BadRequest.FieldViolation.newBuilder()
                                                                .setField(field)
                                                                .setDescription(message))
                                                .build()))
                        .build());
    }
}
