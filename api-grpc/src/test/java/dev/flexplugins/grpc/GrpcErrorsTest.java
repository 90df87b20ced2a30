package dev.flexplugins.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.grpc.v1.PluginServiceProto;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Domain refusals and outages as gRPC callers receive them. */
class GrpcErrorsTest {

    @Test
    void anInvalidFieldIsInvalidArgumentNamingTheProtoField() throws Exception {
        StatusRuntimeException e =
                GrpcErrors.of(PluginServiceException.invalid(Field.UNIQUE_NAME, "bad name"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        BadRequest bad = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        assertEquals("unique_name", bad.getFieldViolations(0).getField());
    }

    @Test
    void everyFieldNamesARequestFieldOfTheProtoOrIsRestOnly() {
        Set<String> requestFields = new TreeSet<>();
        for (Descriptors.MethodDescriptor method :
                PluginServiceProto.getDescriptor().getServices().get(0).getMethods()) {
            collect(method.getInputType(), requestFields);
        }
        for (Field field : Field.values()) {
            if (!field.grpc().isEmpty()) {
                assertTrue(
                        requestFields.contains(field.grpc()),
                        field
                                + " is reported as "
                                + field.grpc()
                                + ", which no request has; request fields: "
                                + requestFields);
            }
        }
        assertEquals(
                "plugin", GrpcErrors.field(PluginServiceException.notFound(Field.PLUGIN, "gone")));
        assertEquals("", GrpcErrors.field(PluginServiceException.invalid(Field.BODY, "bad body")));
    }

    private static void collect(Descriptors.Descriptor message, Set<String> into) {
        for (Descriptors.FieldDescriptor f : message.getFields()) {
            if (into.add(f.getName())
                    && f.getType() == Descriptors.FieldDescriptor.Type.MESSAGE
                    && f.getMessageType().getFile() == message.getFile()) {
                collect(f.getMessageType(), into);
            }
        }
    }

    @Test
    void anOutageIsUnavailableWithRetryInfoAndNoInternalDetails() throws Exception {
        StatusRuntimeException e =
                GrpcErrors.unexpected(
                        "CreatePlugin",
                        new IllegalStateException(
                                "cannot start a database transaction",
                                new SQLTransientConnectionException(
                                        "HikariPool-1 - Connection is not available")));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertTrue(!status.getMessage().contains("Hikari"), status.getMessage());
        assertEquals("UNAVAILABLE", status.getDetails(0).unpack(ErrorInfo.class).getReason());
        assertTrue(status.getDetails(1).unpack(RetryInfo.class).getRetryDelay().getSeconds() > 0);
    }

    @Test
    void aBugIsInternalWithoutItsMessage() {
        StatusRuntimeException e =
                GrpcErrors.unexpected("GetPlugin", new NullPointerException("secret detail"));
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertTrue(!e.getStatus().getDescription().contains("secret"));
    }
}
