package dev.flexplugins.app;

import static dev.flexplugins.app.GrpcClient.badField;
import static dev.flexplugins.app.GrpcClient.errorInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexplugins.grpc.v1.ArchivePluginRequest;
import dev.flexplugins.grpc.v1.ArchivePluginVersionRequest;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.GetPluginVersionRequest;
import dev.flexplugins.grpc.v1.ListEventsRequest;
import dev.flexplugins.grpc.v1.ListPluginVersionsRequest;
import dev.flexplugins.grpc.v1.ListPluginsRequest;
import dev.flexplugins.grpc.v1.Plugin;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.PluginVersion;
import dev.flexplugins.grpc.v1.UpdatePluginRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gRPC facade over a real socket to the running application on a real database. */
class GrpcFacadeTest {
    static RunningService service;
    static GrpcClient grpc;
    static PluginServiceGrpc.PluginServiceBlockingStub stub;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        grpc = new GrpcClient(service);
        stub = grpc.stub(service.accountSid, service.authToken);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        grpc.close();
        service.close();
    }

    static Plugin createPlugin(String name) {
        return stub.createPlugin(CreatePluginRequest.newBuilder().setUniqueName(name).build());
    }

    static PluginVersion createVersion(String plugin, String version) {
        return stub.createPluginVersion(
                CreatePluginVersionRequest.newBuilder()
                        .setPlugin(plugin)
                        .setVersion(version)
                        .setPluginUrl(
                                "https://assets.example.com/"
                                        + plugin
                                        + "/"
                                        + version
                                        + "/bundle.js")
                        .build());
    }

    @Test
    void everyMethodWorks() {
        Plugin created =
                stub.createPlugin(
                        CreatePluginRequest.newBuilder()
                                .setUniqueName("grpc-plugin")
                                .setFriendlyName("gRPC plugin")
                                .setDescription("made over gRPC")
                                .build());
        assertTrue(created.getSid().matches("FP[0-9a-f]{32}"));
        assertEquals(service.accountSid, created.getAccountSid());
        assertEquals("gRPC plugin", created.getFriendlyName());
        assertTrue(
                created.getDateCreated().getSeconds()
                        > Instant.now().minusSeconds(60).getEpochSecond());
        assertEquals(service.api() + "/Plugins/" + created.getSid(), created.getUrl());
        assertEquals(
                service.api() + "/Plugins/" + created.getSid() + "/Versions",
                created.getLinksOrThrow("plugin_versions"));

        assertEquals(
                created,
                stub.getPlugin(GetPluginRequest.newBuilder().setPlugin("grpc-plugin").build()));
        assertEquals(
                created,
                stub.getPlugin(GetPluginRequest.newBuilder().setPlugin(created.getSid()).build()));

        Plugin updated =
                stub.updatePlugin(
                        UpdatePluginRequest.newBuilder()
                                .setPlugin("grpc-plugin")
                                .setDescription("changed")
                                .build());
        assertEquals("gRPC plugin", updated.getFriendlyName(), "unset fields keep their value");
        assertEquals("changed", updated.getDescription());
        Plugin cleared =
                stub.updatePlugin(
                        UpdatePluginRequest.newBuilder()
                                .setPlugin("grpc-plugin")
                                .setFriendlyName("")
                                .build());
        assertEquals("", cleared.getFriendlyName(), "a set empty string clears the field");

        PluginVersion v1 =
                stub.createPluginVersion(
                        CreatePluginVersionRequest.newBuilder()
                                .setPlugin("grpc-plugin")
                                .setVersion("1.0.0")
                                .setPluginUrl("https://assets.example.com/g/1.0.0/bundle.js")
                                .setChangelog("first")
                                .setPrivate(true)
                                .setCliVersion("6.3.2")
                                .setValidateStatus("success")
                                .build());
        assertTrue(v1.getSid().matches("FV[0-9a-f]{32}"));
        assertEquals(created.getSid(), v1.getPluginSid());
        assertTrue(v1.getPrivate());
        assertTrue(v1.getValidated());
        assertEquals(
                service.api() + "/Plugins/" + created.getSid() + "/Versions/" + v1.getSid(),
                v1.getUrl());
        PluginVersion v2 = createVersion("grpc-plugin", "1.1.0");
        assertEquals(
                v1,
                stub.getPluginVersion(
                        GetPluginVersionRequest.newBuilder()
                                .setPlugin("grpc-plugin")
                                .setVersion("1.0.0")
                                .build()));
        assertEquals(
                v1,
                stub.getPluginVersion(
                        GetPluginVersionRequest.newBuilder()
                                .setPlugin(created.getSid())
                                .setVersion(v1.getSid())
                                .build()));
        List<String> listed =
                stub
                        .listPluginVersions(
                                ListPluginVersionsRequest.newBuilder()
                                        .setPlugin("grpc-plugin")
                                        .build())
                        .getPluginVersionsList()
                        .stream()
                        .map(PluginVersion::getSid)
                        .toList();
        assertEquals(List.of(v2.getSid(), v1.getSid()), listed, "newest first");

        PluginVersion archivedVersion =
                stub.archivePluginVersion(
                        ArchivePluginVersionRequest.newBuilder()
                                .setPlugin("grpc-plugin")
                                .setVersion("1.0.0")
                                .build());
        assertTrue(archivedVersion.getArchived());
        Plugin archived =
                stub.archivePlugin(
                        ArchivePluginRequest.newBuilder().setPlugin("grpc-plugin").build());
        assertTrue(archived.getArchived());
        assertTrue(
                stub.listPlugins(ListPluginsRequest.getDefaultInstance()).getPluginsList().stream()
                        .anyMatch(p -> p.getSid().equals(created.getSid()) && p.getArchived()));
    }

    /** One rule, two callers: each reads the field as its own API spells it, in the message too. */
    @Test
    void aRefusalSpellsTheFieldAsEachFacadeDoes() {
        String tooLong = "n".repeat(129);
        StatusRuntimeException grpcRefusal =
                assertThrows(StatusRuntimeException.class, () -> createPlugin(tooLong));
        assertEquals("unique_name", badField(grpcRefusal));
        assertEquals(
                "unique_name must be at most 128 characters",
                grpcRefusal.getStatus().getDescription());
        RunningService.Reply restRefusal = service.post("/Plugins", "UniqueName=" + tooLong);
        assertEquals(400, restRefusal.status());
        assertEquals(
                "UniqueName must be at most 128 characters",
                restRefusal.json().get("message").asText());

        // a rule of the application layer (the feed's filters), not of the domain
        StatusRuntimeException type =
                assertThrows(
                        StatusRuntimeException.class,
                        () -> stub.listEvents(ListEventsRequest.newBuilder().setType("x").build()));
        assertEquals("type", badField(type));
        assertEquals(
                "type must be an event type such as plugin_version.created",
                type.getStatus().getDescription());
        RunningService.Reply restType = service.get("/Events?Type=x");
        assertEquals(400, restType.status());
        assertEquals(
                "Type must be an event type such as plugin_version.created",
                restType.json().get("message").asText());
    }

    @Test
    void invalidInputIsInvalidArgumentWithTheFieldAndWritesNothing() {
        createPlugin("grpc-invalid");
        long before = service.eventCount();
        assertEquals(
                "unique_name",
                badField(assertThrows(StatusRuntimeException.class, () -> createPlugin(""))));
        assertEquals(
                "unique_name",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () -> createPlugin("FP0123456789abcdef0123456789abcdef"))));
        assertEquals(
                "friendly_name",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createPlugin(
                                                CreatePluginRequest.newBuilder()
                                                        .setUniqueName("long-friendly")
                                                        .setFriendlyName("f".repeat(256))
                                                        .build()))));
        assertEquals(
                "version",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () -> createVersion("grpc-invalid", "1.0"))));
        assertEquals(
                "plugin_url",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createPluginVersion(
                                                CreatePluginVersionRequest.newBuilder()
                                                        .setPlugin("grpc-invalid")
                                                        .setVersion("1.0.0")
                                                        .setPluginUrl(
                                                                "http://insecure.example.com/b.js")
                                                        .build()))));
        assertEquals(
                "page_size",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.listPlugins(
                                                ListPluginsRequest.newBuilder()
                                                        .setPageSize(1001)
                                                        .build()))));
        assertEquals(
                "page_size",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.listPlugins(
                                                ListPluginsRequest.newBuilder()
                                                        .setPageSize(-1)
                                                        .build()))));
        assertEquals(
                "page_token",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.listPlugins(
                                                ListPluginsRequest.newBuilder()
                                                        .setPageToken("PTforged.x")
                                                        .build()))));
        assertEquals(
                "request_id",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createPlugin(
                                                CreatePluginRequest.newBuilder()
                                                        .setUniqueName("long-request-id")
                                                        .setRequestId("r".repeat(129))
                                                        .build()))));
        assertEquals(before, service.eventCount());
    }

    @Test
    void unknownConflictingAndArchivedResourcesHaveTheirCodes() {
        StatusRuntimeException missing =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.getPlugin(
                                        GetPluginRequest.newBuilder()
                                                .setPlugin("grpc-nobody")
                                                .build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        assertEquals("NOT_FOUND", errorInfo(missing).getReason());
        assertEquals("plugin", errorInfo(missing).getMetadataOrThrow("field"));

        createPlugin("grpc-codes");
        StatusRuntimeException missingVersion =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.getPluginVersion(
                                        GetPluginVersionRequest.newBuilder()
                                                .setPlugin("grpc-codes")
                                                .setVersion("9.9.9")
                                                .build()));
        assertEquals(Status.Code.NOT_FOUND, missingVersion.getStatus().getCode());
        assertEquals("version", errorInfo(missingVersion).getMetadataOrThrow("field"));

        long before = service.eventCount();
        StatusRuntimeException duplicate =
                assertThrows(StatusRuntimeException.class, () -> createPlugin("grpc-codes"));
        assertEquals(Status.Code.ALREADY_EXISTS, duplicate.getStatus().getCode());
        assertEquals("ALREADY_EXISTS", errorInfo(duplicate).getReason());
        createVersion("grpc-codes", "1.0.0");
        before = service.eventCount();
        assertEquals(
                Status.Code.ALREADY_EXISTS,
                assertThrows(
                                StatusRuntimeException.class,
                                () -> createVersion("grpc-codes", "1.0.0"))
                        .getStatus()
                        .getCode());

        stub.archivePlugin(ArchivePluginRequest.newBuilder().setPlugin("grpc-codes").build());
        before = service.eventCount();
        StatusRuntimeException archived =
                assertThrows(
                        StatusRuntimeException.class, () -> createVersion("grpc-codes", "2.0.0"));
        assertEquals(Status.Code.FAILED_PRECONDITION, archived.getStatus().getCode());
        assertEquals("PLUGIN_ARCHIVED", errorInfo(archived).getReason());
        assertEquals(before, service.eventCount());
    }

    @Test
    void aRetryWithTheSameRequestIdReturnsTheFirstResult() {
        CreatePluginRequest create =
                CreatePluginRequest.newBuilder()
                        .setUniqueName("grpc-retried")
                        .setFriendlyName("first")
                        .setRequestId("create-grpc-retried-1")
                        .build();
        Plugin first = stub.createPlugin(create);
        long events = service.eventCount();
        Plugin retry = stub.createPlugin(create);
        assertEquals(first, retry);
        assertEquals(events, service.eventCount(), "the retry wrote nothing");
        // without the request id the same create is a conflict
        assertEquals(
                Status.Code.ALREADY_EXISTS,
                assertThrows(StatusRuntimeException.class, () -> createPlugin("grpc-retried"))
                        .getStatus()
                        .getCode());

        CreatePluginVersionRequest version =
                CreatePluginVersionRequest.newBuilder()
                        .setPlugin("grpc-retried")
                        .setVersion("1.0.0")
                        .setPluginUrl("https://a.example/r.js")
                        .setRequestId("version-1")
                        .build();
        PluginVersion v = stub.createPluginVersion(version);
        assertEquals(v, stub.createPluginVersion(version));

        // an update retried after someone else changed the plugin is not applied a second time
        UpdatePluginRequest update =
                UpdatePluginRequest.newBuilder()
                        .setPlugin("grpc-retried")
                        .setFriendlyName("from the retried call")
                        .setRequestId("update-1")
                        .build();
        stub.updatePlugin(update);
        stub.updatePlugin(
                UpdatePluginRequest.newBuilder()
                        .setPlugin("grpc-retried")
                        .setFriendlyName("later")
                        .build());
        events = service.eventCount();
        assertEquals("later", stub.updatePlugin(update).getFriendlyName());
        assertEquals(events, service.eventCount());

        // a request id names one request: reusing it for another is refused
        assertEquals(
                "request_id",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createPlugin(
                                                CreatePluginRequest.newBuilder()
                                                        .setUniqueName("grpc-other")
                                                        .setRequestId("create-grpc-retried-1")
                                                        .build()))));
    }

    @Test
    void pagingFollowsNextPageTokens() {
        Set<String> created = new HashSet<>();
        createPlugin("grpc-paged");
        for (int i = 0; i < 7; i++) {
            created.add(createVersion("grpc-paged", "0." + i + ".0").getSid());
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            var page =
                    stub.listPluginVersions(
                            ListPluginVersionsRequest.newBuilder()
                                    .setPlugin("grpc-paged")
                                    .setPageSize(3)
                                    .setPageToken(token)
                                    .build());
            assertTrue(page.getPluginVersionsCount() <= 3);
            page.getPluginVersionsList().forEach(v -> seen.add(v.getVersion()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(3, pages);
        assertEquals(List.of("0.6.0", "0.5.0", "0.4.0", "0.3.0", "0.2.0", "0.1.0", "0.0.0"), seen);
        assertEquals(7, created.size());
    }

    @Test
    void whatOneFacadeWritesTheOtherReads() {
        Plugin viaGrpc = createPlugin("grpc-to-rest");
        PluginVersion versionViaGrpc = createVersion("grpc-to-rest", "3.0.0");
        JsonNode rest = service.get("/Plugins/grpc-to-rest").json();
        assertEquals(viaGrpc.getSid(), rest.get("sid").asText());
        assertEquals(viaGrpc.getUrl(), rest.get("url").asText());
        JsonNode restVersion = service.get("/Plugins/grpc-to-rest/Versions/3.0.0").json();
        assertEquals(versionViaGrpc.getSid(), restVersion.get("sid").asText());
        assertEquals(versionViaGrpc.getPluginUrl(), restVersion.get("plugin_url").asText());

        JsonNode viaRest =
                service.post("/Plugins", "UniqueName=rest-to-grpc&FriendlyName=From+REST").json();
        service.post(
                "/Plugins/rest-to-grpc/Versions", "Version=1.0.0&PluginUrl=https://a.example/x.js");
        service.post("/Plugins/rest-to-grpc/Archive", "");
        Plugin read =
                stub.getPlugin(GetPluginRequest.newBuilder().setPlugin("rest-to-grpc").build());
        assertEquals(viaRest.get("sid").asText(), read.getSid());
        assertEquals("From REST", read.getFriendlyName());
        assertTrue(read.getArchived());
        assertEquals(
                "1.0.0",
                stub.getPluginVersion(
                                GetPluginVersionRequest.newBuilder()
                                        .setPlugin("rest-to-grpc")
                                        .setVersion("1.0.0")
                                        .build())
                        .getVersion());
    }

    @Test
    void eventsWrittenThroughGrpcRecordTheChannelAndRequestId() {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("flex-metadata", Metadata.ASCII_STRING_MARSHALLER),
                "internal-deployer");
        Plugin p =
                stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .createPlugin(
                                CreatePluginRequest.newBuilder()
                                        .setUniqueName("grpc-audited")
                                        .setRequestId("audit-req-7")
                                        .build());
        var events = AuditAndTransactionsTest.events(service, p.getSid());
        assertEquals(1, events.size());
        JsonNode meta = events.get(0).metadata();
        assertEquals("grpc", meta.get("channel").asText());
        assertEquals("audit-req-7", meta.get("requestId").asText());
        assertEquals(service.accountSid, meta.get("actor").asText());
        assertEquals("internal-deployer", meta.get("flexMetadata").asText());
        Plugin noId = createPlugin("grpc-audited-2");
        String generated =
                AuditAndTransactionsTest.events(service, noId.getSid())
                        .get(0)
                        .metadata()
                        .get("requestId")
                        .asText();
        assertTrue(generated.matches("RQ[0-9a-f]{32}"), generated);
    }

    @Test
    void missingOrWrongCredentialsAreUnauthenticated() {
        long before = service.eventCount();
        for (var bad :
                List.of(
                        grpc.stub(null, null),
                        grpc.stub(service.accountSid, "wrong"),
                        grpc.stub("AC00000000000000000000000000000000", service.authToken))) {
            StatusRuntimeException e =
                    assertThrows(
                            StatusRuntimeException.class,
                            () ->
                                    bad.createPlugin(
                                            CreatePluginRequest.newBuilder()
                                                    .setUniqueName("grpc-intruder")
                                                    .build()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertEquals("AUTHENTICATION_FAILED", errorInfo(e).getReason());
        }
        assertEquals(before, service.eventCount());
    }

    @Test
    void anotherAccountSeesNothing() {
        Plugin mine = createPlugin("grpc-mine");
        String[] other = service.newAccount();
        var theirs = grpc.stub(other[0], other[1]);
        assertEquals(
                Status.Code.NOT_FOUND,
                assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        theirs.getPlugin(
                                                GetPluginRequest.newBuilder()
                                                        .setPlugin(mine.getSid())
                                                        .build()))
                        .getStatus()
                        .getCode());
        assertEquals(
                Status.Code.NOT_FOUND,
                assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        theirs.archivePlugin(
                                                ArchivePluginRequest.newBuilder()
                                                        .setPlugin(mine.getSid())
                                                        .build()))
                        .getStatus()
                        .getCode());
        assertEquals(
                0, theirs.listPlugins(ListPluginsRequest.getDefaultInstance()).getPluginsCount());
        assertFalse(
                stub.getPlugin(GetPluginRequest.newBuilder().setPlugin(mine.getSid()).build())
                        .getArchived());
    }

    @Test
    void oversizedMessagesAndPassedDeadlinesAreRefused() {
        createPlugin("grpc-limits");
        long before = service.eventCount();
        StatusRuntimeException big =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.createPluginVersion(
                                        CreatePluginVersionRequest.newBuilder()
                                                .setPlugin("grpc-limits")
                                                .setVersion("1.0.0")
                                                .setPluginUrl("https://a.example/b.js")
                                                .setChangelog("x".repeat(2 * 1024 * 1024))
                                                .build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, big.getStatus().getCode(), big.toString());
        // bigger than the field's limit but within the message limit: the domain's own error
        assertEquals(
                "changelog",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createPluginVersion(
                                                CreatePluginVersionRequest.newBuilder()
                                                        .setPlugin("grpc-limits")
                                                        .setVersion("1.0.0")
                                                        .setPluginUrl("https://a.example/b.js")
                                                        .setChangelog("x".repeat(20_000))
                                                        .build()))));
        StatusRuntimeException late =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.withDeadlineAfter(1, TimeUnit.NANOSECONDS)
                                        .createPluginVersion(
                                                CreatePluginVersionRequest.newBuilder()
                                                        .setPlugin("grpc-limits")
                                                        .setVersion("1.0.1")
                                                        .setPluginUrl("https://a.example/b.js")
                                                        .build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        assertEquals(before, service.eventCount());
        assertEquals(
                Status.Code.NOT_FOUND,
                assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.getPluginVersion(
                                                GetPluginVersionRequest.newBuilder()
                                                        .setPlugin("grpc-limits")
                                                        .setVersion("1.0.1")
                                                        .build()))
                        .getStatus()
                        .getCode());
    }

    @Test
    void healthAndReflectionAnswerWithoutCredentials() throws Exception {
        HealthCheckResponse health =
                HealthGrpc.newBlockingStub(grpc.channel)
                        .check(HealthCheckRequest.newBuilder().setService("").build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());

        CompletableFuture<List<String>> services = new CompletableFuture<>();
        var requests =
                ServerReflectionGrpc.newStub(grpc.channel)
                        .serverReflectionInfo(
                                new StreamObserver<>() {
                                    @Override
                                    public void onNext(ServerReflectionResponse value) {
                                        services.complete(
                                                value
                                                        .getListServicesResponse()
                                                        .getServiceList()
                                                        .stream()
                                                        .map(s -> s.getName())
                                                        .toList());
                                    }

                                    @Override
                                    public void onError(Throwable t) {
                                        services.completeExceptionally(t);
                                    }

                                    @Override
                                    public void onCompleted() {}
                                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> names = services.get(10, TimeUnit.SECONDS);
        requests.onCompleted();
        assertTrue(names.contains("flex.pluginservice.v1.PluginService"), names.toString());
        assertTrue(names.contains("grpc.health.v1.Health"), names.toString());
        assertTrue(names.contains("grpc.reflection.v1alpha.ServerReflection"), names.toString());
        assertNotEquals(0, names.size());

        // the older protocol, which grpcurl before 1.8.8, grpcui, Postman and Evans speak
        CompletableFuture<List<String>> alpha = new CompletableFuture<>();
        StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> alphaRequests =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(grpc.channel)
                        .serverReflectionInfo(
                                new StreamObserver<>() {
                                    @Override
                                    public void onNext(
                                            io.grpc.reflection.v1alpha.ServerReflectionResponse
                                                    value) {
                                        alpha.complete(
                                                value
                                                        .getListServicesResponse()
                                                        .getServiceList()
                                                        .stream()
                                                        .map(s -> s.getName())
                                                        .toList());
                                    }

                                    @Override
                                    public void onError(Throwable t) {
                                        alpha.completeExceptionally(t);
                                    }

                                    @Override
                                    public void onCompleted() {}
                                });
        alphaRequests.onNext(
                io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                        .setListServices("")
                        .build());
        assertTrue(alpha.get(10, TimeUnit.SECONDS).contains("flex.pluginservice.v1.PluginService"));
        alphaRequests.onCompleted();
    }
}
