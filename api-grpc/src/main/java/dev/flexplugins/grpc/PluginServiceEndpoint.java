package dev.flexplugins.grpc;

import static dev.flexplugins.grpc.ProtoMapping.emptyToNull;

import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.PluginCatalog;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import dev.flexplugins.grpc.v1.ArchiveConfigurationRequest;
import dev.flexplugins.grpc.v1.ArchivePluginRequest;
import dev.flexplugins.grpc.v1.ArchivePluginVersionRequest;
import dev.flexplugins.grpc.v1.Configuration;
import dev.flexplugins.grpc.v1.ConfiguredPlugin;
import dev.flexplugins.grpc.v1.CreateConfigurationRequest;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.CreateReleaseRequest;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.GetConfigurationRequest;
import dev.flexplugins.grpc.v1.GetConfiguredPluginRequest;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.GetPluginVersionRequest;
import dev.flexplugins.grpc.v1.GetReleaseRequest;
import dev.flexplugins.grpc.v1.ListConfigurationsRequest;
import dev.flexplugins.grpc.v1.ListConfigurationsResponse;
import dev.flexplugins.grpc.v1.ListConfiguredPluginsRequest;
import dev.flexplugins.grpc.v1.ListConfiguredPluginsResponse;
import dev.flexplugins.grpc.v1.ListEventsRequest;
import dev.flexplugins.grpc.v1.ListEventsResponse;
import dev.flexplugins.grpc.v1.ListPluginVersionsRequest;
import dev.flexplugins.grpc.v1.ListPluginVersionsResponse;
import dev.flexplugins.grpc.v1.ListPluginsRequest;
import dev.flexplugins.grpc.v1.ListPluginsResponse;
import dev.flexplugins.grpc.v1.ListReleasesRequest;
import dev.flexplugins.grpc.v1.ListReleasesResponse;
import dev.flexplugins.grpc.v1.Plugin;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.PluginVersion;
import dev.flexplugins.grpc.v1.Release;
import dev.flexplugins.grpc.v1.StreamEventsRequest;
import dev.flexplugins.grpc.v1.UpdatePluginRequest;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * flex.pluginservice.v1.PluginService: each method builds the call context, calls one {@link
 * PluginCatalog} method and maps the result; rules stay in the domain.
 */
@Singleton
final class PluginServiceEndpoint implements PluginServiceGrpc.AsyncService, BindableService {

    /**
     * The service as grpc-java serves it: every request parsed and checked by {@link
     * RequestHygiene}.
     */
    @Override
    public ServerServiceDefinition bindService() {
        return RequestHygiene.guard(PluginServiceGrpc.bindService(this));
    }

    private static final Logger LOG = LoggerFactory.getLogger(PluginServiceEndpoint.class);
    static final int REQUEST_ID_MAX = 128;

    private final PluginCatalog catalog;
    private final AuditTrail audit;
    private final EventStreams streams;
    private final ConfigurationMethods configurations;
    private final GrpcSettings settings;

    PluginServiceEndpoint(
            PluginCatalog catalog,
            AuditTrail audit,
            EventStreams streams,
            ConfigurationMethods configurations,
            GrpcSettings settings) {
        this.catalog = catalog;
        this.configurations = configurations;
        this.audit = audit;
        this.streams = streams;
        this.settings = settings;
    }

    @Override
    public void createPlugin(CreatePluginRequest request, StreamObserver<Plugin> response) {
        call(
                "CreatePlugin",
                request.getRequestId(),
                response,
                ctx ->
                        ProtoMapping.plugin(
                                catalog.createPlugin(
                                        ctx,
                                        request.getUniqueName(),
                                        emptyToNull(request.getFriendlyName()),
                                        emptyToNull(request.getDescription())),
                                settings.baseUrl()));
    }

    @Override
    public void getPlugin(GetPluginRequest request, StreamObserver<Plugin> response) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        call(
                "GetPlugin",
                "",
                response,
                ctx ->
                        ProtoMapping.plugin(
                                catalog.fetchPlugin(ctx, request.getPlugin(), asOf),
                                settings.baseUrl()));
    }

    @Override
    public void listPlugins(
            ListPluginsRequest request, StreamObserver<ListPluginsResponse> response) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        call(
                "ListPlugins",
                "",
                response,
                ctx -> {
                    PageRequest pageRequest = page(request.getPageSize(), request.getPageToken());
                    var page = catalog.listPlugins(ctx, pageRequest, asOf);
                    String base = settings.baseUrl();
                    return ListPluginsResponse.newBuilder()
                            .addAllPlugins(
                                    page.items().stream()
                                            .map(p -> ProtoMapping.plugin(p, base))
                                            .toList())
                            .setNextPageToken(
                                    page.nextPageToken() == null ? "" : page.nextPageToken())
                            .build();
                });
    }

    @Override
    public void updatePlugin(UpdatePluginRequest request, StreamObserver<Plugin> response) {
        call(
                "UpdatePlugin",
                request.getRequestId(),
                response,
                ctx ->
                        ProtoMapping.plugin(
                                catalog.updatePlugin(
                                        ctx,
                                        request.getPlugin(),
                                        request.hasFriendlyName()
                                                ? request.getFriendlyName()
                                                : null,
                                        request.hasDescription() ? request.getDescription() : null),
                                settings.baseUrl()));
    }

    @Override
    public void archivePlugin(ArchivePluginRequest request, StreamObserver<Plugin> response) {
        call(
                "ArchivePlugin",
                request.getRequestId(),
                response,
                ctx ->
                        ProtoMapping.plugin(
                                catalog.archivePlugin(ctx, request.getPlugin()),
                                settings.baseUrl()));
    }

    @Override
    public void createPluginVersion(
            CreatePluginVersionRequest request, StreamObserver<PluginVersion> response) {
        call(
                "CreatePluginVersion",
                request.getRequestId(),
                response,
                ctx ->
                        ProtoMapping.version(
                                catalog.createVersion(
                                        ctx,
                                        request.getPlugin(),
                                        new PluginCatalog.NewVersion(
                                                request.getVersion(),
                                                request.getPluginUrl(),
                                                emptyToNull(request.getChangelog()),
                                                request.getPrivate(),
                                                emptyToNull(request.getCliVersion()),
                                                emptyToNull(request.getValidateStatus()))),
                                settings.baseUrl()));
    }

    @Override
    public void getPluginVersion(
            GetPluginVersionRequest request, StreamObserver<PluginVersion> response) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        call(
                "GetPluginVersion",
                "",
                response,
                ctx ->
                        ProtoMapping.version(
                                catalog.fetchVersion(
                                        ctx, request.getPlugin(), request.getVersion(), asOf),
                                settings.baseUrl()));
    }

    @Override
    public void listPluginVersions(
            ListPluginVersionsRequest request,
            StreamObserver<ListPluginVersionsResponse> response) {
        Instant asOf = ProtoMapping.instant(request.hasAsOf(), request.getAsOf());
        call(
                "ListPluginVersions",
                "",
                response,
                ctx -> {
                    PageRequest pageRequest = page(request.getPageSize(), request.getPageToken());
                    var page = catalog.listVersions(ctx, request.getPlugin(), pageRequest, asOf);
                    String base = settings.baseUrl();
                    return ListPluginVersionsResponse.newBuilder()
                            .addAllPluginVersions(
                                    page.items().stream()
                                            .map(v -> ProtoMapping.version(v, base))
                                            .toList())
                            .setNextPageToken(
                                    page.nextPageToken() == null ? "" : page.nextPageToken())
                            .build();
                });
    }

    @Override
    public void archivePluginVersion(
            ArchivePluginVersionRequest request, StreamObserver<PluginVersion> response) {
        call(
                "ArchivePluginVersion",
                request.getRequestId(),
                response,
                ctx ->
                        ProtoMapping.version(
                                catalog.archiveVersion(
                                        ctx, request.getPlugin(), request.getVersion()),
                                settings.baseUrl()));
    }

    @Override
    public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> response) {
        call(
                "ListEvents",
                "",
                response,
                ctx -> {
                    if (request.getPageSize() < 0) {
                        throw PluginServiceException.invalid(
                                Parameter.PAGE_SIZE,
                                "page_size must be between 0 (default) and 1000");
                    }
                    var page =
                            audit.feedPage(
                                    ctx,
                                    emptyToNull(request.getResourceSid()),
                                    emptyToNull(request.getType()),
                                    request.getAfterPosition(),
                                    request.getPageToken(),
                                    request.getPageSize() == 0 ? null : request.getPageSize());
                    String base = settings.baseUrl();
                    return ListEventsResponse.newBuilder()
                            .addAllEvents(
                                    page.events().stream()
                                            .map(e -> ProtoMapping.event(e, base))
                                            .toList())
                            .setNextPageToken(
                                    page.nextPageToken() == null ? "" : page.nextPageToken())
                            .build();
                });
    }

    @Override
    public void streamEvents(StreamEventsRequest request, StreamObserver<Event> response) {
        try {
            if (request.getAfterPosition() < 0) {
                throw PluginServiceException.invalid(
                        Parameter.AFTER, "after_position must be 0 or more");
            }
            CallContext ctx = context("");
            // validate the filters once, up front
            audit.feed(
                    ctx,
                    emptyToNull(request.getResourceSid()),
                    emptyToNull(request.getType()),
                    request.getAfterPosition(),
                    null,
                    1);
            streams.start(
                    ctx, request, (ServerCallStreamObserver<Event>) response, settings.baseUrl());
        } catch (PluginServiceException e) {
            response.onError(GrpcErrors.of(e));
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.unexpected("StreamEvents", e));
        }
    }

    // --- configurations and releases -----------------------------------------------------------

    @Override
    public void createConfiguration(
            CreateConfigurationRequest request, StreamObserver<Configuration> response) {
        call(
                "CreateConfiguration",
                request.getRequestId(),
                response,
                ctx -> configurations.create(request));
    }

    @Override
    public void getConfiguration(
            GetConfigurationRequest request, StreamObserver<Configuration> response) {
        call("GetConfiguration", "", response, ctx -> configurations.get(request));
    }

    @Override
    public void listConfigurations(
            ListConfigurationsRequest request,
            StreamObserver<ListConfigurationsResponse> response) {
        call("ListConfigurations", "", response, ctx -> configurations.list(request));
    }

    @Override
    public void archiveConfiguration(
            ArchiveConfigurationRequest request, StreamObserver<Configuration> response) {
        call(
                "ArchiveConfiguration",
                request.getRequestId(),
                response,
                ctx -> configurations.archive(request));
    }

    @Override
    public void listConfiguredPlugins(
            ListConfiguredPluginsRequest request,
            StreamObserver<ListConfiguredPluginsResponse> response) {
        call("ListConfiguredPlugins", "", response, ctx -> configurations.listPlugins(request));
    }

    @Override
    public void getConfiguredPlugin(
            GetConfiguredPluginRequest request, StreamObserver<ConfiguredPlugin> response) {
        call("GetConfiguredPlugin", "", response, ctx -> configurations.getPlugin(request));
    }

    @Override
    public void createRelease(CreateReleaseRequest request, StreamObserver<Release> response) {
        call(
                "CreateRelease",
                request.getRequestId(),
                response,
                ctx -> configurations.release(request));
    }

    @Override
    public void getRelease(GetReleaseRequest request, StreamObserver<Release> response) {
        call("GetRelease", "", response, ctx -> configurations.getRelease(request));
    }

    @Override
    public void listReleases(
            ListReleasesRequest request, StreamObserver<ListReleasesResponse> response) {
        call("ListReleases", "", response, ctx -> configurations.listReleases(request));
    }

    static PageRequest page(int pageSize, String pageToken) {
        if (pageSize < 0) {
            throw PluginServiceException.invalid(
                    Parameter.PAGE_SIZE,
                    "page_size must be between 0 (default) and " + PageRequest.MAX_PAGE_SIZE);
        }
        return new PageRequest(pageSize == 0 ? null : pageSize, emptyToNull(pageToken), null);
    }

    /** Runs one unary call: context, deadline check, the work, and the error mapping. */
    private <T> void call(
            String method,
            String requestId,
            StreamObserver<T> response,
            Function<CallContext, T> work) {
        String id = requestId;
        try {
            Deadline deadline = Context.current().getDeadline();
            if (Context.current().isCancelled()
                    || (deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) <= 0)) {
                response.onError(
                        Status.DEADLINE_EXCEEDED
                                .withDescription(
                                        method + " was not started: the call's deadline had passed")
                                .asRuntimeException());
                return;
            }
            CallContext ctx = context(requestId);
            id = ctx.requestId();
            T result = work.apply(ctx);
            if (Context.current().isCancelled()) {
                return; // the caller gave up; what was done is committed and a retry with
                // request_id finds it
            }
            response.onNext(result);
            response.onCompleted();
        } catch (PluginServiceException e) {
            // one line per refused call, as REST logs one per failed request
            LOG.info("gRPC {} -> {} ({}): {}", method, e.kind(), id, e.getMessage());
            response.onError(GrpcErrors.of(e));
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.unexpected(method + " (" + id + ")", e));
        }
    }

    static CallContext context(String requestId) {
        if (requestId.length() > REQUEST_ID_MAX) {
            throw PluginServiceException.invalid(
                    Parameter.REQUEST_ID,
                    "request_id must be at most " + REQUEST_ID_MAX + " characters");
        }
        boolean chosen = !requestId.isEmpty();
        String flexMetadata = GrpcAuth.FLEX_METADATA_VALUE.get();
        String account = GrpcAuth.ACCOUNT.get();
        String actor = GrpcAuth.ACTOR.get();
        return new CallContext(
                account,
                actor == null ? account : actor,
                "grpc",
                chosen ? requestId : Sids.random(Sids.REQUEST),
                flexMetadata,
                Instant.now(),
                chosen);
    }
}
