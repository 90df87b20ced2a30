package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ResourceInfo;
import dev.flexplugins.grpc.v1.ArchiveConfigurationRequest;
import dev.flexplugins.grpc.v1.ArchivePluginRequest;
import dev.flexplugins.grpc.v1.ArchivePluginVersionRequest;
import dev.flexplugins.grpc.v1.CreateConfigurationRequest;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.CreateReleaseRequest;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.GetReleaseRequest;
import dev.flexplugins.grpc.v1.ListEventsRequest;
import dev.flexplugins.grpc.v1.ListEventsResponse;
import dev.flexplugins.grpc.v1.PluginEntry;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archive rules as Twilio has them, through gRPC (REST: ConfigurationsRestTest, PluginsRestTest),
 * and the gRPC details clients rely on: required identifiers, ResourceInfo, opaque event tokens.
 */
class ArchiveRulesTest {
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
    static void stop() throws Exception {
        grpc.close();
        service.close();
    }

    static StatusRuntimeException refused(Status.Code code, Supplier<?> call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::get);
        assertEquals(code, e.getStatus().getCode(), e.toString());
        return e;
    }

    @Test
    void whatTheActiveReleaseCarriesCannotBeArchivedAndNothingIsArchivedTwice() {
        stub.createPlugin(CreatePluginRequest.newBuilder().setUniqueName("live").build());
        String version =
                stub.createPluginVersion(
                                CreatePluginVersionRequest.newBuilder()
                                        .setPlugin("live")
                                        .setVersion("1.0.0")
                                        .setPluginUrl("https://a.example/live.js")
                                        .build())
                        .getSid();
        String configuration =
                stub.createConfiguration(
                                CreateConfigurationRequest.newBuilder()
                                        .setName("c")
                                        .addPlugins(
                                                PluginEntry.newBuilder()
                                                        .setPluginVersion(version)
                                                        .setPhase(3))
                                        .build())
                        .getSid();
        stub.createRelease(
                CreateReleaseRequest.newBuilder().setConfiguration(configuration).build());
        long events = service.eventCount();

        StatusRuntimeException plugin =
                refused(
                        Status.Code.FAILED_PRECONDITION,
                        () ->
                                stub.archivePlugin(
                                        ArchivePluginRequest.newBuilder()
                                                .setPlugin("live")
                                                .build()));
        assertEquals("IN_ACTIVE_RELEASE", GrpcClient.errorInfo(plugin).getReason());
        assertEquals("plugin", GrpcClient.errorInfo(plugin).getMetadataOrThrow("field"));
        StatusRuntimeException pinned =
                refused(
                        Status.Code.FAILED_PRECONDITION,
                        () ->
                                stub.archivePluginVersion(
                                        ArchivePluginVersionRequest.newBuilder()
                                                .setPlugin("live")
                                                .setVersion("1.0.0")
                                                .build()));
        assertEquals("IN_ACTIVE_RELEASE", GrpcClient.errorInfo(pinned).getReason());
        assertEquals(events, service.eventCount(), "a refused archive writes nothing");

        // a configuration may be archived while released (Twilio allows it); only once
        assertTrue(
                stub.archiveConfiguration(
                                ArchiveConfigurationRequest.newBuilder()
                                        .setConfiguration(configuration)
                                        .build())
                        .getArchived());
        StatusRuntimeException twice =
                refused(
                        Status.Code.FAILED_PRECONDITION,
                        () ->
                                stub.archiveConfiguration(
                                        ArchiveConfigurationRequest.newBuilder()
                                                .setConfiguration(configuration)
                                                .build()));
        assertEquals("ALREADY_ARCHIVED", GrpcClient.errorInfo(twice).getReason());
        assertEquals("configuration", GrpcClient.errorInfo(twice).getMetadataOrThrow("field"));

        // a newer release without the plugin frees it
        String empty =
                stub.createConfiguration(
                                CreateConfigurationRequest.newBuilder().setName("empty").build())
                        .getSid();
        stub.createRelease(CreateReleaseRequest.newBuilder().setConfiguration(empty).build());
        assertTrue(
                stub.archivePluginVersion(
                                ArchivePluginVersionRequest.newBuilder()
                                        .setPlugin("live")
                                        .setVersion("1.0.0")
                                        .build())
                        .getArchived());
        assertTrue(
                stub.archivePlugin(ArchivePluginRequest.newBuilder().setPlugin("live").build())
                        .getArchived());
        StatusRuntimeException again =
                refused(
                        Status.Code.FAILED_PRECONDITION,
                        () ->
                                stub.archivePlugin(
                                        ArchivePluginRequest.newBuilder()
                                                .setPlugin("live")
                                                .build()));
        assertEquals("ALREADY_ARCHIVED", GrpcClient.errorInfo(again).getReason());
        assertEquals("Plugin is already archived.", again.getStatus().getDescription());
    }

    @Test
    void missingIdentifiersAreInvalidArgumentsAndNotFoundCarriesResourceInfo() throws Exception {
        StatusRuntimeException empty =
                refused(
                        Status.Code.INVALID_ARGUMENT,
                        () -> stub.getPlugin(GetPluginRequest.getDefaultInstance()));
        assertEquals("plugin", GrpcClient.badField(empty));
        StatusRuntimeException noRelease =
                refused(
                        Status.Code.INVALID_ARGUMENT,
                        () -> stub.getRelease(GetReleaseRequest.getDefaultInstance()));
        assertEquals("release", GrpcClient.badField(noRelease));

        String unknown = "FK" + "0".repeat(32);
        StatusRuntimeException missing =
                refused(
                        Status.Code.NOT_FOUND,
                        () ->
                                stub.getRelease(
                                        GetReleaseRequest.newBuilder()
                                                .setRelease(unknown)
                                                .build()));
        assertEquals("release", GrpcClient.errorInfo(missing).getMetadataOrThrow("field"));
        ResourceInfo info =
                GrpcClient.details(missing).getDetailsList().stream()
                        .filter(d -> d.is(ResourceInfo.class))
                        .findFirst()
                        .orElseThrow()
                        .unpack(ResourceInfo.class);
        assertEquals("flex.pluginservice.v1.Release", info.getResourceType());
        assertEquals(unknown, info.getResourceName());
    }

    @Test
    void eventPageTokensAreOpaqueSignedAndBoundToTheirFilter() {
        for (int i = 0; i < 3; i++) {
            stub.createPlugin(CreatePluginRequest.newBuilder().setUniqueName("evt-" + i).build());
        }
        service.awaitFeed();
        ListEventsResponse first =
                stub.listEvents(ListEventsRequest.newBuilder().setPageSize(2).build());
        String token = first.getNextPageToken();
        assertFalse(token.matches("\\d+"), "not a raw position: " + token);
        ListEventsResponse second =
                stub.listEvents(
                        ListEventsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
        assertTrue(second.getEvents(0).getPosition() > first.getEvents(1).getPosition());
        StatusRuntimeException forged =
                refused(
                        Status.Code.INVALID_ARGUMENT,
                        () ->
                                stub.listEvents(
                                        ListEventsRequest.newBuilder().setPageToken("5").build()));
        assertEquals("page_token", GrpcClient.badField(forged));
        StatusRuntimeException otherFilter =
                refused(
                        Status.Code.INVALID_ARGUMENT,
                        () ->
                                stub.listEvents(
                                        ListEventsRequest.newBuilder()
                                                .setType("plugin.created")
                                                .setPageToken(token)
                                                .build()));
        assertEquals("page_token", GrpcClient.badField(otherFilter));
    }
}
