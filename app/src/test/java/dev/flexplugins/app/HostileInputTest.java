package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.StreamEventsRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests an attacker or a broken client would send, over real sockets: each is refused with a
 * clear error in the API's own shape (never a 5xx, UNKNOWN or INTERNAL), and nothing changes.
 */
class HostileInputTest {
    static RunningService service;
    static GrpcClient grpc;

    @BeforeAll
    static void start() {
        service =
                RunningService.start(
                        Map.of(
                                "flex.http.request-read-timeout", "1s",
                                "flex.streams.max-per-account", "3",
                                // requests without credentials here are not guesses to brake
                                "flex.auth.max-failures-per-address", "1000000"));
        grpc = new GrpcClient(service);
    }

    @AfterAll
    static void stop() throws Exception {
        grpc.close();
        service.close();
    }

    /** Sends raw bytes and reads the whole answer (the connection is closed after it). */
    static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String auth() {
        return "Authorization: Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (service.accountSid + ":" + service.authToken)
                                        .getBytes(StandardCharsets.UTF_8))
                + "\r\n";
    }

    /** A raw answer's status line code and its Twilio body. */
    static void assertTwilio(String answer, int status) throws IOException {
        assertTrue(answer.matches("(?s)HTTP/1\\.[01] " + status + " .*"), answer);
        JsonNode body =
                RunningService.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals(status, body.get("status").asInt(), answer);
        assertTrue(body.get("code").asInt() >= 20000, answer);
        assertTrue(
                body.get("more_info").asText().startsWith("https://www.twilio.com/docs/errors/"),
                answer);
    }

    @Test
    void controlCharactersAndImpossibleTimesAre400NotServerErrors() {
        for (String path :
                List.of(
                        "/Releases/a%00b",
                        "/Configurations/a%00b",
                        "/Events?ResourceSid=FJ%00",
                        "/Plugins/x%01y",
                        "/Plugins?PageToken=%00",
                        "/Plugins/p?AsOf=-4714-11-24T00:00:00Z",
                        "/Plugins?AsOf=%2B999999999-12-31T23:59:59Z")) {
            RunningService.Reply reply = service.get(path);
            assertEquals(400, reply.status(), path + " " + reply);
            assertEquals(20001, reply.json().get("code").asInt(), path + " " + reply);
        }
    }

    @Test
    void oversizedAndMalformedHttpGetTwilioErrorsWithTheRightStatus() throws Exception {
        int port = service.server.getPort();
        assertTwilio(
                raw(
                        port,
                        "GET /v1/PluginService/Plugins HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                                + "a".repeat(9000)
                                + "\r\n\r\n"),
                431);
        assertTwilio(
                raw(
                        port,
                        "GET /v1/PluginService/Plugins?x="
                                + "a".repeat(5000)
                                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                414);
        for (String malformed :
                List.of(
                        "POST /v1/PluginService/Plugins HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
                        "POST /v1/PluginService/Plugins HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                                + "Content-Length: 5\r\n\r\nabc",
                        "GET /v1/PluginService/Plugins HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n",
                        "GET /v1/PluginService/Plugins HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic \0\r\n\r\n")) {
            String answer = raw(port, malformed);
            int status = Integer.parseInt(answer.substring(9, 12)); // "HTTP/1.x NNN"
            assertTrue(status >= 400 && status < 500, malformed + " -> " + answer);
            assertTwilio(answer, status);
        }
    }

    @Test
    void aRequestTrickledByteByByteIsCutOffWith408() throws Exception {
        try (Socket socket = new Socket("localhost", service.server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            String answer = "";
            try {
                for (byte b :
                        "GET /v1/PluginService/Plugins HTTP/1.1\r\nHost: localhost\r\n"
                                .getBytes()) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException closedByServer) {
                // the service closed the connection while we were still trickling
            }
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTwilio(answer, 408);
            assertTrue(
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 8,
                    "cut off long before the trickle ended");
        }
    }

    @Test
    void absoluteUrlsNeverFollowAnUnknownHostOrAnUntrustedForwardedHeader() throws Exception {
        int port = service.server.getPort();
        String refused =
                raw(
                        port,
                        "GET /v1/PluginService/Plugins HTTP/1.1\r\nHost: evil.example\r\n"
                                + "X-Forwarded-Proto: https\r\n"
                                + auth()
                                + "Connection: close\r\n\r\n");
        assertTwilio(refused, 400);
        assertTrue(refused.contains("FLEX_PUBLIC_BASE_URL"), refused);
        String local =
                raw(
                        port,
                        "GET /v1/PluginService/Plugins?PageSize=1 HTTP/1.1\r\nHost: localhost:"
                                + port
                                + "\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
                                + auth()
                                + "Connection: close\r\n\r\n");
        assertTrue(local.startsWith("HTTP/1.1 200"), local);
        assertFalse(local.contains("evil.example"), local);
        assertTrue(local.contains("http://localhost:" + port + "/v1/PluginService/Plugins"), local);
    }

    @Test
    void grpcRefusesNulBytesImpossibleTimesAndGarbageAsInvalidArgument() {
        var stub = grpc.stub(service.accountSid, service.authToken);
        StatusRuntimeException nul =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.createPlugin(
                                        CreatePluginRequest.newBuilder()
                                                .setUniqueName("fine")
                                                .setRequestId("a\0b")
                                                .build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, nul.getStatus().getCode());
        assertEquals("request_id", GrpcClient.badField(nul));
        StatusRuntimeException lookup =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.getPlugin(
                                        GetPluginRequest.newBuilder().setPlugin("FP\0").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, lookup.getStatus().getCode());
        StatusRuntimeException time =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.getPlugin(
                                        GetPluginRequest.newBuilder()
                                                .setPlugin("fine")
                                                .setAsOf(
                                                        Timestamp.newBuilder()
                                                                .setSeconds(
                                                                        100_000_000_000_000_000L))
                                                .build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, time.getStatus().getCode());
        assertEquals("as_of", GrpcClient.badField(time));

        // bytes that are not a GetPluginRequest (a string field holding invalid UTF-8)
        MethodDescriptor<byte[], byte[]> rawGet =
                PluginServiceGrpc.getGetPluginMethod().toBuilder(
                                new BytesMarshaller(), new BytesMarshaller())
                        .build();
        Metadata headers = new Metadata();
        headers.put(
                GrpcClient.AUTHORIZATION,
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (service.accountSid + ":" + service.authToken)
                                                .getBytes(StandardCharsets.UTF_8)));
        ClientCall<byte[], byte[]> call =
                io.grpc.ClientInterceptors.intercept(
                                grpc.channel,
                                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                        .newCall(rawGet, CallOptions.DEFAULT);
        StatusRuntimeException garbage =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                ClientCalls.blockingUnaryCall(
                                        call,
                                        new byte[] {
                                            0x0a, 0x03, (byte) 0xed, (byte) 0xa0, (byte) 0x80
                                        }));
        assertEquals(
                Status.Code.INVALID_ARGUMENT, garbage.getStatus().getCode(), garbage.toString());
    }

    @Test
    void streamsAreCappedPerAccountAndFreedOnCancel() throws Exception {
        var async =
                PluginServiceGrpc.newStub(grpc.channel)
                        .withInterceptors(
                                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(
                                        authHeaders()));
        List<io.grpc.Context.CancellableContext> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            io.grpc.Context.CancellableContext context =
                    io.grpc.Context.current().withCancellation();
            open.add(context);
            context.run(
                    () ->
                            async.streamEvents(
                                    StreamEventsRequest.getDefaultInstance(), new Ignore()));
        }
        Thread.sleep(500);
        CountDownLatch refused = new CountDownLatch(1);
        Throwable[] error = new Throwable[1];
        async.streamEvents(
                StreamEventsRequest.getDefaultInstance(),
                new Ignore() {
                    @Override
                    public void onError(Throwable t) {
                        error[0] = t;
                        refused.countDown();
                    }
                });
        assertTrue(refused.await(10, TimeUnit.SECONDS));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(error[0]).getCode());

        open.get(0).cancel(null);
        Thread.sleep(1000);
        CountDownLatch got = new CountDownLatch(1);
        io.grpc.Context.CancellableContext again = io.grpc.Context.current().withCancellation();
        again.run(
                () ->
                        async.streamEvents(
                                StreamEventsRequest.getDefaultInstance(),
                                new Ignore() {
                                    @Override
                                    public void onNext(Event value) {
                                        got.countDown();
                                    }
                                }));
        service.post("/Plugins", "UniqueName=wakes-the-stream");
        assertTrue(got.await(10, TimeUnit.SECONDS), "a cancelled stream's slot is free again");
        again.cancel(null);
        open.forEach(c -> c.cancel(null));
    }

    static Metadata authHeaders() {
        return GrpcClient.basicAuth(service.accountSid, service.authToken);
    }

    static class Ignore implements StreamObserver<Event> {
        @Override
        public void onNext(Event value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }

    static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void everyRefusalCarriesTheTwilioErrorShapeAndManagementNamesAreUnknownPaths()
            throws Exception {
        // Micronaut's management endpoints (beans, info, routes, threaddump, ...) answered 401
        // with an empty body, and /metrics listed the server's meters to any account.
        List<String> paths =
                List.of(
                        "/beans",
                        "/info",
                        "/routes",
                        "/loggers",
                        "/refresh",
                        "/env",
                        "/threaddump",
                        "/stop",
                        "/metrics",
                        "/metrics/jvm.memory.used",
                        "/caches",
                        "/health/nope",
                        "/prometheus/x",
                        "/",
                        "/favicon.ico",
                        "/console/assets/nope.js",
                        "/v1/PluginService/Plugins/FP00000000000000000000000000000000",
                        "/v1/Nope");
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
        int checked = 0;
        for (String path : paths) {
            for (String method : methods) {
                for (boolean signedIn : new boolean[] {false, true}) {
                    java.net.http.HttpRequest.Builder request =
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(service.baseUrl() + path))
                                    .method(
                                            method,
                                            java.net.http.HttpRequest.BodyPublishers.noBody());
                    RunningService.Reply reply =
                            signedIn
                                    ? service.send(request, service.accountSid, service.authToken)
                                    : service.send(request, null, null);
                    String where = method + " " + path + (signedIn ? " (signed in)" : "");
                    assertTrue(reply.status() >= 400, where + " -> " + reply);
                    JsonNode body = reply.json();
                    assertEquals(reply.status(), body.get("status").asInt(), where);
                    assertTrue(body.get("code").asInt() >= 20000, where + " -> " + reply);
                    assertTrue(
                            body.get("more_info")
                                    .asText()
                                    .startsWith("https://www.twilio.com/docs/errors/"),
                            where);
                    assertFalse(body.get("message").asText().isBlank(), where);
                    checked++;
                }
            }
        }
        assertEquals(paths.size() * methods.size() * 2, checked);
        for (String name : List.of("/beans", "/info", "/routes", "/threaddump", "/metrics")) {
            assertEquals(
                    404,
                    service.get(service.baseUrl() + name).status(),
                    name + " is no endpoint of this service, for an account either");
        }
    }

    @Test
    void aRefusalTheFrameworkMakesWithoutABodyGetsTheTwilioShape() throws Exception {
        // Micronaut's beans endpoint, switched on here, refuses callers itself with an empty 401
        // (its own sensitive-endpoint check): the last response filter gives it the body.
        try (RunningService withBeans =
                RunningService.start(Map.of("endpoints.beans.enabled", "true"))) {
            String answer =
                    raw(
                            withBeans.server.getPort(),
                            "GET /beans HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                    + "Authorization: Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    (withBeans.accountSid
                                                                    + ":"
                                                                    + withBeans.authToken)
                                                            .getBytes(StandardCharsets.UTF_8))
                                    + "\r\n\r\n");
            assertTwilio(answer, 401);
            String head =
                    raw(
                            withBeans.server.getPort(),
                            "HEAD /beans HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 401"), head);
            assertTrue(head.endsWith("\r\n\r\n"), "no body after HEAD's headers: " + head);
        }
    }

    @Test
    void connectionsPastTheCapAreRefusedWith503AndTheCapFreesUp() throws Exception {
        try (RunningService capped =
                RunningService.start(Map.of("flex.http.max-connections", "2"))) {
            int port = capped.server.getPort();
            try (Socket first = new Socket("localhost", port);
                    Socket second = new Socket("localhost", port)) {
                Thread.sleep(300); // both accepted and counted
                String third =
                        raw(port, "GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertTwilio(third, 503);
                assertTrue(third.contains("Retry-After: 1"), third);
            }
            Thread.sleep(300); // both closed and released
            String after =
                    raw(
                            port,
                            "GET /health/liveness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(after.startsWith("HTTP/1.1 200"), after);
        }
    }
}
