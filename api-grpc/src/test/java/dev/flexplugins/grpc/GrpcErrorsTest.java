package dev.flexplugins.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.flexplugins.domain.api.PluginServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

/** Domain refusals and outages as gRPC callers receive them. */
class GrpcErrorsTest {

    @Test
    void anInvalidFieldIsInvalidArgumentNamingTheProtoField() throws Exception {
        StatusRuntimeException e = GrpcErrors.of(PluginServiceException.invalid("UniqueName", "bad name"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        BadRequest bad = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        assertEquals("unique_name", bad.getFieldViolations(0).getField());
        assertEquals("page_size", GrpcErrors.field("PageSize"));
        assertEquals("plugin", GrpcErrors.field("PluginSid"));
    }

    @Test
    void anOutageIsUnavailableWithRetryInfoAndNoInternalDetails() throws Exception {
        StatusRuntimeException e = GrpcErrors.unexpected("CreatePlugin",
                new IllegalStateException("cannot start a database transaction",
                        new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertTrue(!status.getMessage().contains("Hikari"), status.getMessage());
        assertEquals("UNAVAILABLE", status.getDetails(0).unpack(ErrorInfo.class).getReason());
        assertTrue(status.getDetails(1).unpack(RetryInfo.class).getRetryDelay().getSeconds() > 0);
    }

    @Test
    void aBugIsInternalWithoutItsMessage() {
        StatusRuntimeException e = GrpcErrors.unexpected("GetPlugin", new NullPointerException("secret detail"));
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertTrue(!e.getStatus().getDescription().contains("secret"));
    }
}
