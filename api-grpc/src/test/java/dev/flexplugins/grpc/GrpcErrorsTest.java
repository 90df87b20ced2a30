package dev.flexplugins.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.Input;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.grpc.v1.PluginServiceProto;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
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
    void theMessageSpellsTheFieldAsTheProtoDoes() {
        PluginServiceException tooLong =
                PluginServiceException.invalid(
                        Field.UNIQUE_NAME, input -> input + " must be at most 128 characters");
        StatusRuntimeException e = GrpcErrors.of(tooLong);
        assertEquals("unique_name must be at most 128 characters", e.getStatus().getDescription());
        PluginServiceException pageSize =
                PluginServiceException.invalid(
                        Parameter.PAGE_SIZE, input -> input + " must be between 1 and 1000");
        assertEquals(
                "page_size must be between 1 and 1000",
                GrpcErrors.of(pageSize).getStatus().getDescription());
    }

    @Test
    void everyFieldNamesARequestFieldOfTheProtoOrIsRestOnly() {
        Set<String> requestFields = new TreeSet<>();
        for (Descriptors.MethodDescriptor method :
                PluginServiceProto.getDescriptor().getServices().get(0).getMethods()) {
            collect(method.getInputType(), requestFields);
        }
        List<Input> inputs = new ArrayList<>(List.of(Field.values()));
        inputs.addAll(List.of(Parameter.values()));
        for (Input input : inputs) {
            String spelled = GrpcNames.field(input);
            if (!spelled.isEmpty()) {
                assertTrue(
                        requestFields.contains(spelled),
                        input
                                + " is reported as "
                                + spelled
                                + ", which no request has; request fields: "
                                + requestFields);
            }
        }
        assertEquals(
                "plugin", GrpcErrors.field(PluginServiceException.notFound(Field.PLUGIN, "gone")));
        assertEquals(
                "", GrpcErrors.field(PluginServiceException.invalid(Parameter.BODY, "bad body")));
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
