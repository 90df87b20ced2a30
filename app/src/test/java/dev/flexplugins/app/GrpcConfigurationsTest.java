package dev.flexplugins.app;

import static dev.flexplugins.app.GrpcClient.badField;
import static dev.flexplugins.app.GrpcClient.errorInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.grpc.v1.ArchiveConfigurationRequest;
import dev.flexplugins.grpc.v1.ArchivePluginVersionRequest;
import dev.flexplugins.grpc.v1.Configuration;
import dev.flexplugins.grpc.v1.ConfiguredPlugin;
import dev.flexplugins.grpc.v1.CreateConfigurationRequest;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.CreateReleaseRequest;
import dev.flexplugins.grpc.v1.GetConfigurationRequest;
import dev.flexplugins.grpc.v1.GetConfiguredPluginRequest;
import dev.flexplugins.grpc.v1.GetReleaseRequest;
import dev.flexplugins.grpc.v1.ListConfigurationsRequest;
import dev.flexplugins.grpc.v1.ListConfiguredPluginsRequest;
import dev.flexplugins.grpc.v1.ListReleasesRequest;
import dev.flexplugins.grpc.v1.PluginEntry;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.Release;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configurations, configured plugins and releases over gRPC. */
class GrpcConfigurationsTest {
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

    static String version(String plugin, String version) {
        try {
            stub.createPlugin(CreatePluginRequest.newBuilder().setUniqueName(plugin).build());
        } catch (StatusRuntimeException exists) {
            assertEquals(Status.Code.ALREADY_EXISTS, exists.getStatus().getCode());
        }
        return stub.createPluginVersion(
                        CreatePluginVersionRequest.newBuilder()
                                .setPlugin(plugin)
                                .setVersion(version)
                                .setPluginUrl("https://a.example/" + plugin + ".js")
                                .build())
                .getSid();
    }

    static PluginEntry entry(String versionSid, int phase) {
        return PluginEntry.newBuilder().setPluginVersion(versionSid).setPhase(phase).build();
    }

    @Test
    void configureReleaseAndDescribe() throws InterruptedException {
        String a = version("grpc-config-a", "1.0.0");
        String b = version("grpc-config-b", "1.0.0");
        Instant beforeConfig = Instant.now();
        Thread.sleep(5); // event times are kept to the millisecond: keep the instants apart
        Configuration config =
                stub.createConfiguration(
                        CreateConfigurationRequest.newBuilder()
                                .setName("gRPC config")
                                .addPlugins(entry(a, 3))
                                .addPlugins(PluginEntry.newBuilder().setPluginVersion(b))
                                .setRequestId("cfg-1")
                                .build());
        assertTrue(config.getSid().startsWith("FJ"));
        assertEquals(
                config,
                stub.createConfiguration(
                        CreateConfigurationRequest.newBuilder()
                                .setName("gRPC config")
                                .addPlugins(entry(a, 3))
                                .setRequestId("cfg-1")
                                .build()),
                "a retry returns the first result");
        assertEquals(
                config,
                stub.getConfiguration(
                        GetConfigurationRequest.newBuilder()
                                .setConfiguration(config.getSid())
                                .build()));
        assertTrue(
                stub.listConfigurations(ListConfigurationsRequest.getDefaultInstance())
                        .getConfigurationsList()
                        .contains(config));
        List<ConfiguredPlugin> plugins =
                stub.listConfiguredPlugins(
                                ListConfiguredPluginsRequest.newBuilder()
                                        .setConfiguration(config.getSid())
                                        .build())
                        .getConfiguredPluginsList();
        assertEquals(
                List.of("grpc-config-a", "grpc-config-b"),
                plugins.stream().map(ConfiguredPlugin::getUniqueName).toList());
        assertEquals(3, plugins.get(1).getPhase(), "phase defaults to 3");
        ConfiguredPlugin one =
                stub.getConfiguredPlugin(
                        GetConfiguredPluginRequest.newBuilder()
                                .setConfiguration(config.getSid())
                                .setPlugin("grpc-config-a")
                                .build());
        assertEquals(a, one.getPluginVersionSid());

        Release release =
                stub.createRelease(
                        CreateReleaseRequest.newBuilder()
                                .setConfiguration(config.getSid())
                                .build());
        assertEquals(config.getSid(), release.getConfigurationSid());
        assertEquals(
                release,
                stub.getRelease(
                        GetReleaseRequest.newBuilder().setRelease(release.getSid()).build()));
        assertEquals(
                release,
                stub.listReleases(ListReleasesRequest.getDefaultInstance()).getReleases(0));
        // REST sees the same active release
        assertEquals(
                release.getSid(),
                service.get("/Releases").json().get("releases").get(0).get("sid").asText());

        // time travel: before the configuration existed, and its plugins' state back then
        assertEquals(
                Status.Code.NOT_FOUND,
                assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.getConfiguration(
                                                GetConfigurationRequest.newBuilder()
                                                        .setConfiguration(config.getSid())
                                                        .setAsOf(ProtoTimestamps.of(beforeConfig))
                                                        .build()))
                        .getStatus()
                        .getCode());
        // a newer release without it: the version is no longer live in Flex, so it may be archived
        String empty =
                stub.createConfiguration(
                                CreateConfigurationRequest.newBuilder().setName("empty").build())
                        .getSid();
        stub.createRelease(CreateReleaseRequest.newBuilder().setConfiguration(empty).build());
        Thread.sleep(5);
        Instant configured = Instant.now();
        Thread.sleep(5);
        stub.archivePluginVersion(
                ArchivePluginVersionRequest.newBuilder()
                        .setPlugin("grpc-config-a")
                        .setVersion("1.0.0")
                        .build());
        assertTrue(
                stub.getConfiguredPlugin(
                                GetConfiguredPluginRequest.newBuilder()
                                        .setConfiguration(config.getSid())
                                        .setPlugin("grpc-config-a")
                                        .build())
                        .getPluginVersionArchived());
        assertFalse(
                stub.getConfiguredPlugin(
                                GetConfiguredPluginRequest.newBuilder()
                                        .setConfiguration(config.getSid())
                                        .setPlugin("grpc-config-a")
                                        .setAsOf(ProtoTimestamps.of(configured))
                                        .build())
                        .getPluginVersionArchived());
    }

    @Test
    void rulesHaveTheirCodes() {
        String a1 = version("grpc-rules-a", "1.0.0");
        String a2 = version("grpc-rules-a", "2.0.0");
        assertEquals(
                "plugins",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createConfiguration(
                                                CreateConfigurationRequest.newBuilder()
                                                        .setName("x")
                                                        .addPlugins(entry(a1, 3))
                                                        .addPlugins(entry(a2, 3))
                                                        .build()))));
        assertEquals(
                "name",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createConfiguration(
                                                CreateConfigurationRequest.newBuilder()
                                                        .addPlugins(entry(a1, 3))
                                                        .build()))));
        StatusRuntimeException missing =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.createConfiguration(
                                        CreateConfigurationRequest.newBuilder()
                                                .setName("x")
                                                .addPlugins(entry("FV" + "0".repeat(32), 3))
                                                .build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        stub.archivePluginVersion(
                ArchivePluginVersionRequest.newBuilder()
                        .setPlugin("grpc-rules-a")
                        .setVersion("1.0.0")
                        .build());
        StatusRuntimeException archived =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.createConfiguration(
                                        CreateConfigurationRequest.newBuilder()
                                                .setName("x")
                                                .addPlugins(entry(a1, 3))
                                                .build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, archived.getStatus().getCode());
        assertEquals("PLUGIN_VERSION_ARCHIVED", errorInfo(archived).getReason());

        Configuration config =
                stub.createConfiguration(
                        CreateConfigurationRequest.newBuilder()
                                .setName("ok")
                                .addPlugins(entry(a2, 3))
                                .build());
        stub.archiveConfiguration(
                ArchiveConfigurationRequest.newBuilder().setConfiguration(config.getSid()).build());
        long before = service.eventCount();
        StatusRuntimeException release =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.createRelease(
                                        CreateReleaseRequest.newBuilder()
                                                .setConfiguration(config.getSid())
                                                .build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, release.getStatus().getCode());
        assertEquals("configuration", errorInfo(release).getMetadataOrThrow("field"));
        assertEquals("CONFIGURATION_ARCHIVED", errorInfo(release).getReason());
        StatusRuntimeException unknownRelease =
                assertThrows(
                        StatusRuntimeException.class,
                        () ->
                                stub.getRelease(
                                        GetReleaseRequest.newBuilder()
                                                .setRelease("FK" + "0".repeat(32))
                                                .build()));
        assertEquals(Status.Code.NOT_FOUND, unknownRelease.getStatus().getCode());
        assertEquals("release", errorInfo(unknownRelease).getMetadataOrThrow("field"));
        assertEquals(
                "configuration",
                badField(
                        assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        stub.createRelease(
                                                CreateReleaseRequest.getDefaultInstance()))));
        assertEquals(before, service.eventCount());
        String[] other = service.newAccount();
        assertEquals(
                Status.Code.NOT_FOUND,
                assertThrows(
                                StatusRuntimeException.class,
                                () ->
                                        grpc.stub(other[0], other[1])
                                                .getConfiguration(
                                                        GetConfigurationRequest.newBuilder()
                                                                .setConfiguration(config.getSid())
                                                                .build()))
                        .getStatus()
                        .getCode());
    }
}
