package dev.flexplugins.grpc;

import static dev.flexplugins.grpc.ProtoMapping.emptyToNull;

import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.PluginCatalog;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import dev.flexplugins.grpc.v1.ArchivePluginRequest;
import dev.flexplugins.grpc.v1.ArchivePluginVersionRequest;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.GetPluginVersionRequest;
import dev.flexplugins.grpc.v1.ListPluginVersionsRequest;
import dev.flexplugins.grpc.v1.ListPluginVersionsResponse;
import dev.flexplugins.grpc.v1.ListPluginsRequest;
import dev.flexplugins.grpc.v1.ListPluginsResponse;
import dev.flexplugins.grpc.v1.Plugin;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.PluginVersion;
import dev.flexplugins.grpc.v1.UpdatePluginRequest;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * flex.pluginservice.v1.PluginService: each method builds the call context, calls one
 * {@link PluginCatalog} method and maps the result; rules stay in the domain.
 */
@Singleton
final class PluginServiceEndpoint extends PluginServiceGrpc.PluginServiceImplBase {
    static final int REQUEST_ID_MAX = 128;
    static final int FLEX_METADATA_MAX = 1024;

    private final PluginCatalog catalog;
    private final GrpcSettings settings;

    PluginServiceEndpoint(PluginCatalog catalog, GrpcSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    @Override
    public void createPlugin(CreatePluginRequest request, StreamObserver<Plugin> response) {
        call("CreatePlugin", request.getRequestId(), response, ctx -> ProtoMapping.plugin(
                catalog.createPlugin(ctx, request.getUniqueName(), emptyToNull(request.getFriendlyName()),
                        emptyToNull(request.getDescription())), settings.baseUrl()));
    }

    @Override
    public void getPlugin(GetPluginRequest request, StreamObserver<Plugin> response) {
        call("GetPlugin", "", response, ctx -> ProtoMapping.plugin(
                catalog.fetchPlugin(ctx, request.getPlugin()), settings.baseUrl()));
    }

    @Override
    public void listPlugins(ListPluginsRequest request, StreamObserver<ListPluginsResponse> response) {
        call("ListPlugins", "", response, ctx -> {
            var page = catalog.listPlugins(ctx, page(request.getPageSize(), request.getPageToken()));
            String base = settings.baseUrl();
            return ListPluginsResponse.newBuilder()
                    .addAllPlugins(page.items().stream().map(p -> ProtoMapping.plugin(p, base)).toList())
                    .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void updatePlugin(UpdatePluginRequest request, StreamObserver<Plugin> response) {
        call("UpdatePlugin", request.getRequestId(), response, ctx -> ProtoMapping.plugin(
                catalog.updatePlugin(ctx, request.getPlugin(),
                        request.hasFriendlyName() ? request.getFriendlyName() : null,
                        request.hasDescription() ? request.getDescription() : null), settings.baseUrl()));
    }

    @Override
    public void archivePlugin(ArchivePluginRequest request, StreamObserver<Plugin> response) {
        call("ArchivePlugin", request.getRequestId(), response, ctx -> ProtoMapping.plugin(
                catalog.archivePlugin(ctx, request.getPlugin()), settings.baseUrl()));
    }

    @Override
    public void createPluginVersion(CreatePluginVersionRequest request, StreamObserver<PluginVersion> response) {
        call("CreatePluginVersion", request.getRequestId(), response, ctx -> ProtoMapping.version(
                catalog.createVersion(ctx, request.getPlugin(), new PluginCatalog.NewVersion(request.getVersion(),
                        request.getPluginUrl(), emptyToNull(request.getChangelog()), request.getPrivate(),
                        emptyToNull(request.getCliVersion()), emptyToNull(request.getValidateStatus()))),
                settings.baseUrl()));
    }

    @Override
    public void getPluginVersion(GetPluginVersionRequest request, StreamObserver<PluginVersion> response) {
        call("GetPluginVersion", "", response, ctx -> ProtoMapping.version(
                catalog.fetchVersion(ctx, request.getPlugin(), request.getVersion()), settings.baseUrl()));
    }

    @Override
    public void listPluginVersions(ListPluginVersionsRequest request,
                                   StreamObserver<ListPluginVersionsResponse> response) {
        call("ListPluginVersions", "", response, ctx -> {
            var page = catalog.listVersions(ctx, request.getPlugin(),
                    page(request.getPageSize(), request.getPageToken()));
            String base = settings.baseUrl();
            return ListPluginVersionsResponse.newBuilder()
                    .addAllPluginVersions(page.items().stream().map(v -> ProtoMapping.version(v, base)).toList())
                    .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void archivePluginVersion(ArchivePluginVersionRequest request, StreamObserver<PluginVersion> response) {
        call("ArchivePluginVersion", request.getRequestId(), response, ctx -> ProtoMapping.version(
                catalog.archiveVersion(ctx, request.getPlugin(), request.getVersion()), settings.baseUrl()));
    }

    private static PageRequest page(int pageSize, String pageToken) {
        if (pageSize < 0) {
            throw PluginServiceException.invalid("PageSize", "page_size must be between 0 (default) and "
                    + PageRequest.MAX_PAGE_SIZE);
        }
        return new PageRequest(pageSize == 0 ? null : pageSize, emptyToNull(pageToken), null);
    }

    /** Runs one unary call: context, deadline check, the work, and the error mapping. */
    private <T> void call(String method, String requestId, StreamObserver<T> response,
                          Function<CallContext, T> work) {
        try {
            Deadline deadline = Context.current().getDeadline();
            if (Context.current().isCancelled() || (deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) <= 0)) {
                response.onError(Status.DEADLINE_EXCEEDED
                        .withDescription(method + " was not started: the call's deadline had passed").asRuntimeException());
                return;
            }
            T result = work.apply(context(requestId));
            if (Context.current().isCancelled()) {
                return; // the caller gave up; what was done is committed and a retry with request_id finds it
            }
            response.onNext(result);
            response.onCompleted();
        } catch (PluginServiceException e) {
            response.onError(GrpcErrors.of(e));
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.unexpected(method, e));
        }
    }

    private static CallContext context(String requestId) {
        if (requestId.length() > REQUEST_ID_MAX) {
            throw PluginServiceException.invalid("RequestId", "request_id must be at most " + REQUEST_ID_MAX
                    + " characters");
        }
        boolean chosen = !requestId.isEmpty();
        String flexMetadata = GrpcAuth.FLEX_METADATA_VALUE.get();
        if (flexMetadata != null && flexMetadata.length() > FLEX_METADATA_MAX) {
            flexMetadata = flexMetadata.substring(0, FLEX_METADATA_MAX);
        }
        String account = GrpcAuth.ACCOUNT.get();
        return new CallContext(account, account, "grpc", chosen ? requestId : Sids.random(Sids.REQUEST), flexMetadata,
                Instant.now(), chosen);
    }
}
