package dev.flexplugins.grpc;

import static dev.flexplugins.grpc.ProtoMapping.emptyToNull;

import dev.flexplugins.application.ConfigurationCatalog;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.domain.api.ConfigurationCommands.PluginEntry;
import dev.flexplugins.grpc.v1.ArchiveConfigurationRequest;
import dev.flexplugins.grpc.v1.Configuration;
import dev.flexplugins.grpc.v1.ConfiguredPlugin;
import dev.flexplugins.grpc.v1.CreateConfigurationRequest;
import dev.flexplugins.grpc.v1.CreateReleaseRequest;
import dev.flexplugins.grpc.v1.GetConfigurationRequest;
import dev.flexplugins.grpc.v1.GetConfiguredPluginRequest;
import dev.flexplugins.grpc.v1.GetReleaseRequest;
import dev.flexplugins.grpc.v1.ListConfigurationsRequest;
import dev.flexplugins.grpc.v1.ListConfigurationsResponse;
import dev.flexplugins.grpc.v1.ListConfiguredPluginsRequest;
import dev.flexplugins.grpc.v1.ListConfiguredPluginsResponse;
import dev.flexplugins.grpc.v1.ListReleasesRequest;
import dev.flexplugins.grpc.v1.ListReleasesResponse;
import dev.flexplugins.grpc.v1.Release;
import jakarta.inject.Singleton;
import java.time.Instant;

/** The configuration and release methods of PluginService: bind, call the catalogue, map. */
@Singleton
final class ConfigurationMethods {
    private final ConfigurationCatalog catalog;
    private final GrpcSettings settings;

    ConfigurationMethods(ConfigurationCatalog catalog, GrpcSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    Configuration create(CreateConfigurationRequest request) {
        var entries =
                request.getPluginsList().stream()
                        .map(
                                p ->
                                        new PluginEntry(
                                                p.getPluginVersion(),
                                                p.hasPhase() ? p.getPhase() : null))
                        .toList();
        return ProtoMapping.configuration(
                catalog.createConfiguration(
                        PluginServiceEndpoint.context(request.getRequestId()),
                        request.getName(),
                        emptyToNull(request.getDescription()),
                        entries),
                settings.baseUrl());
    }

    Configuration get(GetConfigurationRequest request) {
        return ProtoMapping.configuration(
                catalog.fetchConfiguration(
                        PluginServiceEndpoint.context(""),
                        request.getConfiguration(),
                        ProtoMapping.instant(request.hasAsOf(), request.getAsOf())),
                settings.baseUrl());
    }

    ListConfigurationsResponse list(ListConfigurationsRequest request) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        var page =
                catalog.listConfigurations(
                        PluginServiceEndpoint.context(""),
                        page(request.getPageSize(), request.getPageToken()),
                        asOf);
        String base = settings.baseUrl();
        return ListConfigurationsResponse.newBuilder()
                .addAllConfigurations(
                        page.items().stream()
                                .map(c -> ProtoMapping.configuration(c, base))
                                .toList())
                .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
                .build();
    }

    Configuration archive(ArchiveConfigurationRequest request) {
        return ProtoMapping.configuration(
                catalog.archiveConfiguration(
                        PluginServiceEndpoint.context(request.getRequestId()),
                        request.getConfiguration()),
                settings.baseUrl());
    }

    ListConfiguredPluginsResponse listPlugins(ListConfiguredPluginsRequest request) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        var page =
                catalog.listConfiguredPlugins(
                        PluginServiceEndpoint.context(""),
                        request.getConfiguration(),
                        page(request.getPageSize(), request.getPageToken()),
                        asOf);
        String base = settings.baseUrl();
        return ListConfiguredPluginsResponse.newBuilder()
                .addAllConfiguredPlugins(
                        page.items().stream()
                                .map(p -> ProtoMapping.configuredPlugin(p, base))
                                .toList())
                .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
                .build();
    }

    ConfiguredPlugin getPlugin(GetConfiguredPluginRequest request) {
        return ProtoMapping.configuredPlugin(
                catalog.fetchConfiguredPlugin(
                        PluginServiceEndpoint.context(""),
                        request.getConfiguration(),
                        request.getPlugin(),
                        ProtoMapping.instant(request.hasAsOf(), request.getAsOf())),
                settings.baseUrl());
    }

    Release release(CreateReleaseRequest request) {
        // an empty or malformed configuration is the domain's to refuse (ConfigurationCreation)
        return ProtoMapping.release(
                catalog.createRelease(
                        PluginServiceEndpoint.context(request.getRequestId()),
                        request.getConfiguration()),
                settings.baseUrl());
    }

    Release getRelease(GetReleaseRequest request) {
        return ProtoMapping.release(
                catalog.fetchRelease(
                        PluginServiceEndpoint.context(""),
                        request.getRelease(),
                        ProtoMapping.instant(request.hasAsOf(), request.getAsOf())),
                settings.baseUrl());
    }

    ListReleasesResponse listReleases(ListReleasesRequest request) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        var page =
                catalog.listReleases(
                        PluginServiceEndpoint.context(""),
                        page(request.getPageSize(), request.getPageToken()),
                        asOf);
        String base = settings.baseUrl();
        return ListReleasesResponse.newBuilder()
                .addAllReleases(
                        page.items().stream().map(r -> ProtoMapping.release(r, base)).toList())
                .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
                .build();
    }

    private static PageRequest page(int pageSize, String pageToken) {
        return PluginServiceEndpoint.page(pageSize, pageToken);
    }
}
