package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests to every REST route and every unary gRPC method: identifiers, parameters and
 * bodies drawn from valid values, near-valid ones and hostile ones (NUL and control characters,
 * invalid escapes, huge numbers, long strings, wrong types). Whatever arrives, the answer is a
 * client error or a success in the API's own shape: no 5xx, UNKNOWN or INTERNAL, no internal names
 * in a message, nothing written by a refused request, and the service healthy at the end.
 */
class FuzzTest {
    private static final Pattern INTERNAL_NAMES =
            Pattern.compile(
                    // internal names, not words an echoed identifier could hold
                    "Exception\\b|Error:|java\\.|org\\.|io\\.micronaut|SQLSTATE|jdbc:|HikariPool|\\bat dev\\.");

    static RunningService service;
    static GrpcClient grpc;
    static List<String[]> routes = new ArrayList<>();
    // HTTP/1.1, as Twilio's SDKs and the CLI speak it
    static HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    static String plugin;
    static String version;
    static String configuration;
    static int restRequests;
    static int grpcCalls;
    static int reconnected;

    @BeforeContainer
    static void start() {
        service =
                RunningService.start(
                        Map.of(
                                "flex.auth.max-failures-per-address",
                                "1000000",
                                "flex.auth.account-alert-failures",
                                "1000000"));
        grpc = new GrpcClient(service);
        Router router = service.server.getApplicationContext().getBean(Router.class);
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String template = route.getUriMatchTemplate().toString().replaceAll("\\{\\?.*}$", "");
            // every API route: the Plugin Service, Flex's Configuration, the 2010 account and keys
            if ((template.startsWith("/v1/") || template.startsWith("/2010-04-01/"))
                    && (route.getHttpMethod() == HttpMethod.GET
                            || route.getHttpMethod() == HttpMethod.POST)) {
                routes.add(new String[] {route.getHttpMethod().name(), template});
            }
        }
        plugin = service.post("/Plugins", "UniqueName=fuzz-base").json().get("sid").asText();
        version =
                service.post(
                                "/Plugins/fuzz-base/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/p.js")
                        .json()
                        .get("sid")
                        .asText();
        configuration =
                service.post(
                                "/Configurations",
                                "Name=base&Plugins="
                                        + encode("{\"plugin_version\":\"" + version + "\"}"))
                        .json()
                        .get("sid")
                        .asText();
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.printf(
                "[fuzz] %d REST requests over %d routes (%d retried on a fresh connection), %d gRPC"
                        + " calls over %d methods%n",
                restRequests, routes.size(), reconnected, grpcCalls, unaryMethods().size());
        assertEquals(
                200, service.get("/Plugins/fuzz-base").status(), "still healthy after the fuzzing");
        assertTrue(restRequests >= 10_000 || restRequests == 0, "REST requests: " + restRequests);
        grpc.close();
        service.close();
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Strings a client might send for an identifier or a parameter. */
    static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "fuzz-base",
                        "1.0.0",
                        "FP" + "0".repeat(32),
                        "FV" + "f".repeat(32),
                        "FJ" + "1".repeat(32),
                        "FK" + "a".repeat(32),
                        "AC" + "b".repeat(32),
                        "true",
                        "false",
                        "0",
                        "-1",
                        "1000",
                        "1001",
                        "99999999999999999999",
                        "2026-11-28T10:00:00Z",
                        "-4714-11-24T00:00:00Z",
                        "+999999999-12-31T23:59:59Z",
                        "plugin_version.created",
                        "https://a.example/x.js",
                        "http://a.example/x.js",
                        "{\"plugin_version\":\"x\"}",
                        "[]",
                        "{}",
                        "PTAAAA.BBBB",
                        "%00",
                        "%ZZ",
                        "%",
                        "a%00b",
                        "\u0000",
                        "\u0001",
                        "\r\n",
                        "'; DROP TABLE x;--",
                        "<script>alert(1)</script>",
                        "..",
                        "../..",
                        "𝄞",
                        "\uFFFF"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(200).ofMaxLength(5000),
                Arbitraries.of(
                        plugin == null ? "x" : plugin,
                        version == null ? "x" : version,
                        configuration == null ? "x" : configuration,
                        service == null ? "x" : service.accountSid));
    }

    static Arbitrary<String> pathSegment() {
        return values().map(FuzzTest::encode);
    }

    static final List<String> PARAMETERS =
            List.of(
                    "UniqueName",
                    "FriendlyName",
                    "Description",
                    "Version",
                    "PluginUrl",
                    "Changelog",
                    "Private",
                    "CliVersion",
                    "ValidateStatus",
                    "Name",
                    "Plugins",
                    "ConfigurationId",
                    "PageSize",
                    "Page",
                    "PageToken",
                    "AsOf",
                    "After",
                    "Before",
                    "Type",
                    "ResourceSid",
                    "Status",
                    "X");

    static Arbitrary<String> form() {
        Arbitrary<String> pair =
                Combinators.combine(Arbitraries.of(PARAMETERS), values())
                        .as((k, v) -> k + "=" + encode(v));
        return Arbitraries.oneOf(
                pair.list().ofMaxSize(6).map(l -> String.join("&", l)),
                Arbitraries.strings().ofMaxLength(60));
    }

    @Provide
    Arbitrary<String[]> restRequest() {
        return Combinators.combine(
                        Arbitraries.of(routes),
                        pathSegment().list().ofSize(3),
                        form(),
                        form(),
                        Arbitraries.of(
                                "application/x-www-form-urlencoded",
                                "application/json",
                                "text/plain",
                                "application/x-www-form-urlencoded; charset=ISO-8859-1"))
                .as(
                        (route, segments, query, body, type) -> {
                            String path = route[1];
                            for (String segment : segments) {
                                path =
                                        path.replaceFirst(
                                                "\\{[^}]+}",
                                                segment.isEmpty()
                                                        ? "x"
                                                        : segment.replace("$", "%24"));
                            }
                            return new String[] {route[0], path + "?" + query, body, type};
                        });
    }

    @Property(tries = 10_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyRestAnswerIsAClientErrorOrSuccessInTwilioShape(
            @ForAll("restRequest") String[] request) throws Exception {
        restRequests++;
        long eventsBefore = request[0].equals("POST") ? service.eventCount() : 0;
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(service.baseUrl() + request[1]));
        } catch (IllegalArgumentException notAUri) {
            return; // the client library itself refuses to send it
        }
        builder.timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (service.accountSid + ":" + service.authToken)
                                                        .getBytes(StandardCharsets.UTF_8)));
        if (request[0].equals("POST")) {
            builder.header("Content-Type", request[3])
                    .POST(HttpRequest.BodyPublishers.ofString(request[2]));
        }
        HttpRequest sent = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(sent, HttpResponse.BodyHandlers.ofString());
        } catch (IOException lostConnection) {
            // A kept-alive connection closed under the request (seen a few times per run, only
            // in-process; not yet explained): the same request on a fresh connection must get its
            // proper answer. Counted and printed, never ignored.
            reconnected++;
            response =
                    HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build()
                            .send(sent, HttpResponse.BodyHandlers.ofString());
        }
        String label =
                request[0]
                        + " "
                        + request[1]
                        + " ["
                        + request[2]
                        + "] -> "
                        + response.statusCode()
                        + " "
                        + response.body();
        assertTrue(response.statusCode() < 500, label);
        if (response.statusCode() >= 400) {
            JsonNode body = RunningService.JSON.readTree(response.body());
            assertEquals(response.statusCode(), body.get("status").asInt(), label);
            assertNotNull(body.get("code"), label);
            assertNotNull(body.get("more_info"), label);
            assertFalse(INTERNAL_NAMES.matcher(body.get("message").asText()).find(), label);
            if (request[0].equals("POST")) {
                assertEquals(
                        eventsBefore,
                        service.eventCount(),
                        "a refused request wrote nothing: " + label);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<MethodDescriptor<Message, Message>> unaryMethods() {
        List<MethodDescriptor<Message, Message>> methods = new ArrayList<>();
        for (MethodDescriptor<?, ?> method :
                PluginServiceGrpc.getServiceDescriptor().getMethods()) {
            if (method.getType() == MethodDescriptor.MethodType.UNARY) {
                methods.add((MethodDescriptor<Message, Message>) method);
            }
        }
        return methods;
    }

    /** A request message with random values in random fields, nested messages included. */
    static Message randomMessage(Message prototype, Random random, int depth) {
        Message.Builder builder = prototype.newBuilderForType();
        for (Descriptors.FieldDescriptor field : prototype.getDescriptorForType().getFields()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            Object value =
                    switch (field.getJavaType()) {
                        case STRING -> values().generator(1000).next(random).value();
                        case INT ->
                                random.nextInt(4) == 0
                                        ? random.nextInt()
                                        : random.nextInt(2000) - 100;
                        case LONG ->
                                random.nextInt(3) == 0
                                        ? random.nextLong()
                                        : (long) random.nextInt(1000) - 10;
                        case BOOLEAN -> random.nextBoolean();
                        case MESSAGE ->
                                depth > 2
                                        ? null
                                        : randomMessage(
                                                builder.newBuilderForField(field)
                                                        .getDefaultInstanceForType(),
                                                random,
                                                depth + 1);
                        case ENUM ->
                                field.getEnumType()
                                        .getValues()
                                        .get(
                                                random.nextInt(
                                                        field.getEnumType().getValues().size()));
                        default -> null;
                    };
            if (value == null) {
                continue;
            }
            if (field.isRepeated()) {
                builder.addRepeatedField(field, value);
            } else {
                builder.setField(field, value);
            }
        }
        return builder.build();
    }

    @Property(tries = 2_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyGrpcAnswerIsACanonicalClientErrorOrSuccess(@ForAll long seed) {
        grpcCalls++;
        Random random = new Random(seed);
        List<MethodDescriptor<Message, Message>> methods = unaryMethods();
        MethodDescriptor<Message, Message> method = methods.get(random.nextInt(methods.size()));
        Message prototype =
                (Message)
                        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
                                .getMessagePrototype();
        Message request = randomMessage(prototype, random, 0);
        Metadata headers = GrpcClient.basicAuth(service.accountSid, service.authToken);
        long eventsBefore = service.eventCount();
        try {
            ClientCalls.blockingUnaryCall(
                    ClientInterceptors.intercept(
                            grpc.channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    method,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                    request);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            String shown = request.toString();
            String label =
                    method.getBareMethodName()
                            + " "
                            + (shown.length() > 600 ? shown.substring(0, 600) + "…" : shown)
                            + " -> "
                            + e.getStatus();
            assertTrue(
                    code == Status.Code.INVALID_ARGUMENT
                            || code == Status.Code.NOT_FOUND
                            || code == Status.Code.ALREADY_EXISTS
                            || code == Status.Code.FAILED_PRECONDITION
                            || code == Status.Code.OUT_OF_RANGE,
                    label);
            String description =
                    e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
            assertFalse(INTERNAL_NAMES.matcher(description).find(), label);
            assertEquals(
                    eventsBefore, service.eventCount(), "a refused call wrote nothing: " + label);
        }
    }
}
