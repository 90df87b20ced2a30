package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.RetryInfo;
import dev.flexplugins.grpc.v1.ListPluginsRequest;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one stranger must not be able to do to everyone else, over real sockets: lock an account out
 * by failing to sign in to it (account SIDs are not secret), or fill the REST port with connections
 * that never send a byte.
 */
class NoLockoutTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service =
                RunningService.start(
                        Map.of(
                                "flex.auth.max-failures-per-address", "5",
                                "flex.auth.account-alert-failures", "10",
                                "flex.http.request-read-timeout", "1s"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** Status code and whole answer of a GET sent from the loopback address {@code from}. */
    static String getFrom(String from, int port, String path, String sid, String token)
            throws IOException {
        return getFrom(from, port, path, sid, token, "");
    }

    /** The same, with {@code headers} (each ending in CRLF) added to the request. */
    static String getFrom(
            String from, int port, String path, String sid, String token, String headers)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            String auth =
                    Base64.getEncoder()
                            .encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream()
                    .write(
                            ("GET "
                                            + path
                                            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                                            + auth
                                            + "\r\n"
                                            + headers
                                            + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** A gRPC channel whose connections come from the loopback address {@code from}. */
    static ManagedChannel grpcFrom(String from) {
        return NettyChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .localSocketPicker(
                        new NettyChannelBuilder.LocalSocketPicker() {
                            @Override
                            public SocketAddress createSocketAddress(
                                    SocketAddress remote, io.grpc.Attributes attrs) {
                                return new InetSocketAddress(from, 0);
                            }
                        })
                .build();
    }

    static void listPlugins(ManagedChannel channel) {
        PluginServiceGrpc.newBlockingStub(channel)
                .withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(
                                GrpcClient.basicAuth(service.accountSid, service.authToken)))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listPlugins(ListPluginsRequest.getDefaultInstance());
    }

    @Test
    void wrongTokensFromAnyNumberOfAddressesNeverLockTheOwnerOut() throws Exception {
        int port = service.server.getPort();
        String plugins = "/v1/PluginService/Plugins";
        String wrong = "f".repeat(32);
        List<String> attackers = List.of("127.0.0.9", "127.0.0.10", "127.0.0.11", "127.0.0.12");
        for (String attacker : attackers) {
            for (int i = 0; i < 20; i++) {
                String answer = getFrom(attacker, port, plugins, service.accountSid, wrong);
                if (i < 5) {
                    assertEquals(401, status(answer), answer);
                } else {
                    assertEquals(429, status(answer), "past 5 failures the address waits");
                    HostileInputTest.assertTwilio(answer, 429);
                    assertTrue(answer.contains("\"code\":20429"), answer);
                    assertTrue(answer.contains("Retry-After: "), answer);
                }
            }
            String owner =
                    getFrom("127.0.0.20", port, plugins, service.accountSid, service.authToken);
            assertEquals(
                    200,
                    status(owner),
                    "during the attack (from " + attacker + ") the owner signs in: " + owner);
        }
        // After the attack (80 failures for the account from 4 addresses, within the window)
        assertEquals(
                200,
                status(
                        getFrom(
                                "127.0.0.21",
                                port,
                                plugins,
                                service.accountSid,
                                service.authToken)));
        ManagedChannel owner = grpcFrom("127.0.0.22");
        ManagedChannel attacker = grpcFrom("127.0.0.9");
        try {
            listPlugins(owner); // signed in over gRPC too
            StatusRuntimeException refused =
                    assertThrows(StatusRuntimeException.class, () -> listPlugins(attacker));
            assertEquals(
                    Status.Code.RESOURCE_EXHAUSTED,
                    refused.getStatus().getCode(),
                    "a throttled address is refused even with the right token: the refusal tells nothing about a guess");
            assertTrue(
                    GrpcClient.details(refused).getDetailsList().stream()
                            .anyMatch(d -> d.is(RetryInfo.class)));
        } finally {
            owner.shutdownNow();
            attacker.shutdownNow();
        }
        assertEquals(
                429,
                status(getFrom("127.0.0.9", port, plugins, service.accountSid, service.authToken)),
                "the right token from a throttled address");
        String metrics = service.get(service.baseUrl() + "/prometheus").body();
        assertTrue(metrics.contains("flex_auth_account_alerts_total 1.0"), "one alert raised");
        assertTrue(metrics.contains("flex_auth_failures_total 20.0"), "5 failures from each of 4");
    }

    @Test
    void behindATrustedProxyEachClientIsThrottledOnItsOwn() throws Exception {
        try (RunningService proxied =
                RunningService.start(
                        Map.of(
                                "flex.auth.max-failures-per-address", "5",
                                "flex.http.trusted-proxies", "127.0.0.1"))) {
            String wrong = "f".repeat(32);
            // the proxy (127.0.0.1) appends the address it saw; what the client wrote is left of it
            String attacker = "198.51.100.1, 203.0.113.9";
            for (int i = 0; i < 5; i++) {
                assertEquals(401, forwarded(proxied, "127.0.0.1", wrong, attacker));
            }
            assertEquals(429, forwarded(proxied, "127.0.0.1", wrong, attacker));
            assertEquals(
                    200,
                    forwarded(proxied, "127.0.0.1", proxied.authToken, "203.0.113.10"),
                    "another client behind the same proxy signs in");
            // a peer that is no trusted proxy is counted by its own address, whatever it forwards
            for (int i = 0; i < 5; i++) {
                forwarded(proxied, "127.0.0.30", wrong, "192.0.2." + i);
            }
            assertEquals(429, forwarded(proxied, "127.0.0.30", proxied.authToken, "192.0.2.99"));
        }
    }

    /** The status of a list request from {@code peer} carrying {@code X-Forwarded-For}. */
    static int forwarded(RunningService to, String peer, String token, String forwardedFor)
            throws IOException {
        return status(
                getFrom(
                        peer,
                        to.server.getPort(),
                        "/v1/PluginService/Plugins",
                        to.accountSid,
                        token,
                        "X-Forwarded-For: " + forwardedFor + "\r\n"));
    }

    @Test
    void connectionsThatSendNothingAreClosedAtTheReadTimeoutWhileRequestsAreServed()
            throws Exception {
        int port = service.server.getPort();
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(15_000);
                silent.add(socket);
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                assertEquals(200, service.get("/Plugins").status());
                micros.add((System.nanoTime() - start) / 1_000);
            }
            Collections.sort(micros);
            System.out.printf(
                    "NoLockoutTest: 50 requests beside 300 silent connections: median %d us, max %d us%n",
                    micros.get(25), micros.get(49));
            for (Socket socket : silent) {
                InputStream in = socket.getInputStream();
                assertEquals(
                        -1,
                        in.read(),
                        "a connection that sent nothing is closed by the service, without an answer");
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
        String metrics = service.get(service.baseUrl() + "/prometheus").body();
        assertTrue(
                metrics.contains("flex_http_connections_closed_total{reason=\"silent\"} 300.0"),
                metrics.lines().filter(l -> l.startsWith("flex_http")).toList().toString());
    }

    @Test
    void silentConnectionsAreReapedBeforeTheyFillTheCap() throws Exception {
        try (RunningService capped =
                RunningService.start(
                        Map.of(
                                "flex.http.max-connections", "20",
                                "flex.http.request-read-timeout", "1s"))) {
            int port = capped.server.getPort();
            String health = "GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n";
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(15_000);
                    silent.add(socket);
                }
                Thread.sleep(200); // accepted and counted
                HostileInputTest.assertTwilio(HostileInputTest.raw(port, health), 503);
                for (Socket socket : silent) {
                    assertEquals(-1, socket.getInputStream().read(), "reaped");
                }
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
            String after =
                    HostileInputTest.raw(
                            port, health.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
            assertTrue(after.startsWith("HTTP/1.1 200"), "the cap is free again: " + after);
        }
    }
}
