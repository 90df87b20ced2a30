package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.flexplugins.application.ResourceUrls;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another account's identifiers, sent to every REST route and every gRPC method, generated from the
 * router and the service descriptor (a new endpoint cannot be forgotten): reads answer 404 /
 * NOT_FOUND or lists without the other account's rows, writes change nothing, and no answer
 * mentions the other account's resources.
 */
class CrossTenantTest {
    static RunningService service;
    static String[] intruder;
    static Map<String, String> owned;
    static List<String> secrets;

    @BeforeAll
    static void twoAccounts() {
        service = RunningService.start();
        intruder = service.newAccount();
        String plugin =
                service.post("/Plugins", "UniqueName=secret-plugin&FriendlyName=Secret")
                        .json()
                        .get("sid")
                        .asText();
        String version =
                service.post(
                                "/Plugins/" + plugin + "/Versions",
                                "Version=1.0.0&PluginUrl=https://a.example/secret.js")
                        .json()
                        .get("sid")
                        .asText();
        String configuration =
                service.post(
                                "/Configurations",
                                "Name=Secret configuration&Plugins={\"plugin_version\":\""
                                        + version
                                        + "\"}")
                        .json()
                        .get("sid")
                        .asText();
        String release =
                service.post("/Releases", "ConfigurationId=" + configuration)
                        .json()
                        .get("sid")
                        .asText();
        service.awaitFeed();
        String position =
                service.get("/Events").json().get("events").get(0).get("position").asText();
        owned =
                Map.of(
                        "Plugins",
                        plugin,
                        "Versions",
                        version,
                        "Configurations",
                        configuration,
                        "Releases",
                        release,
                        "Events",
                        position);
        // what an intruder never sends, so an answer that contains it leaked it (a 404 may echo an
        // identifier
        // the intruder sent)
        secrets =
                List.of(
                        service.accountSid,
                        "secret-plugin",
                        "Secret configuration",
                        "a.example/secret.js");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The owner's view of its resources, to compare before and after the intrusions. */
    static String ownerState() {
        return String.join(
                "\n",
                service.get("/Plugins").body(),
                service.get("/Plugins/" + owned.get("Plugins") + "/Versions").body(),
                service.get("/Configurations").body(),
                service.get("/Releases").body());
    }

    @Test
    void everyRestRouteRefusesAnotherAccountsResources() {
        String before = ownerState();
        Router router = service.server.getApplicationContext().getBean(Router.class);
        List<String> probed = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String template = route.getUriMatchTemplate().toString().replaceAll("\\{\\?.*}$", "");
            if (!template.startsWith(ResourceUrls.BASE_PATH)) {
                continue;
            }
            String path = fill(template.substring(ResourceUrls.BASE_PATH.length()));
            boolean hasIds = template.contains("{");
            RunningService.Reply reply;
            if (route.getHttpMethod() == HttpMethod.GET) {
                reply =
                        service.get(
                                path + (hasIds ? "" : "?ResourceSid=" + owned.get("Plugins")),
                                intruder[0],
                                intruder[1]);
            } else if (route.getHttpMethod() == HttpMethod.POST) {
                reply =
                        service.post(
                                path,
                                "UniqueName=intruder-own&Name=Intruder&FriendlyName=x"
                                        + "&Plugins={\"plugin_version\":\""
                                        + owned.get("Versions")
                                        + "\"}&ConfigurationId="
                                        + owned.get("Configurations")
                                        + "&Version=9.9.9&PluginUrl=https://x.example/a.js",
                                intruder[0],
                                intruder[1],
                                Map.of());
            } else {
                continue;
            }
            probed.add(route.getHttpMethod() + " " + template + " -> " + reply.status());
            if (hasIds
                    || route.getHttpMethod() == HttpMethod.POST && !template.endsWith("/Plugins")) {
                assertEquals(
                        404,
                        reply.status(),
                        route.getHttpMethod() + " " + path + ": " + reply.body());
            } else {
                assertTrue(
                        reply.status() < 500,
                        route.getHttpMethod() + " " + path + ": " + reply.body());
            }
            for (String secret : secrets) {
                assertFalse(
                        reply.body().contains(secret),
                        path + " leaked " + secret + ": " + reply.body());
            }
        }
        assertTrue(probed.size() >= 25, "every route was probed: " + probed);
        assertEquals(before, ownerState(), "the owner's resources are unchanged");
    }

    @Test
    void everyGrpcMethodRefusesAnotherAccountsResources() throws Exception {
        String before = ownerState();
        Metadata auth = GrpcClient.basicAuth(intruder[0], intruder[1]);
        try (GrpcClient grpc = new GrpcClient(service)) {
            var channel =
                    ClientInterceptors.intercept(
                            grpc.channel, MetadataUtils.newAttachHeadersInterceptor(auth));
            int probed = 0;
            for (var method : PluginServiceGrpc.getServiceDescriptor().getMethods()) {
                @SuppressWarnings("unchecked")
                MethodDescriptor<Message, Message> md = (MethodDescriptor<Message, Message>) method;
                Message.Builder request =
                        ((Message)
                                        ((MethodDescriptor.PrototypeMarshaller<?>)
                                                        md.getRequestMarshaller())
                                                .getMessagePrototype())
                                .toBuilder();
                boolean hasIds = false;
                for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
                    String value =
                            switch (field.getName()) {
                                case "plugin", "resource_sid" -> owned.get("Plugins");
                                case "version" -> owned.get("Versions");
                                case "configuration" -> owned.get("Configurations");
                                case "release" -> owned.get("Releases");
                                default -> null;
                            };
                    if (value != null && field.getType() == FieldDescriptor.Type.STRING) {
                        request.setField(field, value);
                        hasIds |= !field.getName().equals("resource_sid");
                    }
                }
                StringBuilder answer = new StringBuilder();
                Status.Code code = Status.Code.OK;
                CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS);
                try {
                    if (md.getType() == MethodDescriptor.MethodType.UNARY) {
                        answer.append(
                                ClientCalls.blockingUnaryCall(
                                        channel, md, options, request.build()));
                    } else {
                        Iterator<Message> stream =
                                ClientCalls.blockingServerStreamingCall(
                                        channel, md, options, request.build());
                        while (stream.hasNext()) {
                            answer.append(stream.next());
                        }
                    }
                } catch (StatusRuntimeException e) {
                    code = e.getStatus().getCode();
                    answer.append(e.getStatus().getDescription());
                }
                probed++;
                String name = md.getBareMethodName();
                if (hasIds) {
                    // refused as if it did not exist (or as malformed, where a field is checked
                    // first)
                    assertTrue(
                            code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT,
                            name + ": " + code + " " + answer);
                } else {
                    assertTrue(
                            code != Status.Code.INTERNAL && code != Status.Code.UNKNOWN,
                            name + ": " + code);
                }
                for (String secret : secrets) {
                    assertFalse(
                            answer.toString().contains(secret),
                            name + " leaked " + secret + ": " + answer);
                }
            }
            assertEquals(PluginServiceGrpc.getServiceDescriptor().getMethods().size(), probed);
            assertTrue(probed >= 20, "every method was probed");
        }
        assertEquals(before, ownerState(), "the owner's resources are unchanged");
    }

    /** Fills each path variable with the owner's identifier of the resource its segment names. */
    static String fill(String template) {
        Matcher m = Pattern.compile("/([A-Za-z]+)/\\{[^}]+}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "/" + m.group(1) + "/" + owned.get(m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
