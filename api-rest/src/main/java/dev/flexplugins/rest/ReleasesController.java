package dev.flexplugins.rest;

import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.ConfigurationCatalog;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.application.ServiceSettings;
import dev.flexplugins.domain.api.Field;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Instant;
import java.util.Map;

/** {@code /v1/PluginService/Releases}: the newest release is the active one. */
@Controller(ResourceUrls.BASE_PATH + "/Releases")
@Consumes(MediaType.ALL)
final class ReleasesController {
    private final ConfigurationCatalog catalog;
    private final AuditTrail audit;
    private final Forms forms;
    private final Json json;
    private final ServiceSettings settings;

    ReleasesController(
            ConfigurationCatalog catalog,
            AuditTrail audit,
            Forms forms,
            Json json,
            ServiceSettings settings) {
        this.catalog = catalog;
        this.audit = audit;
        this.forms = forms;
        this.json = json;
        this.settings = settings;
    }

    @Post
    HttpResponse<byte[]> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        FormBody form = forms.read(request, body);
        var release =
                catalog.createRelease(
                        RestRequest.context(request),
                        Forms.required(form, Field.RELEASE_CONFIGURATION));
        return json.created(Representations.release(release, base(request)));
    }

    @Get
    HttpResponse<byte[]> list(HttpRequest<?> request) {
        PageRequest page = ListParameters.of(request);
        Instant asOf = AuditParameters.asOf(request);
        var result = catalog.listReleases(RestRequest.context(request), page, asOf);
        String base = base(request);
        return json.ok(
                Representations.list(
                        "releases",
                        result,
                        page.pageToken(),
                        base,
                        request.getPath(),
                        Representations.asOfQuery(asOf),
                        r -> Representations.release(r, base)));
    }

    @Get("/{sid}")
    HttpResponse<byte[]> fetch(HttpRequest<?> request, @PathVariable String sid) {
        return json.ok(
                Representations.release(
                        catalog.fetchRelease(
                                RestRequest.context(request), sid, AuditParameters.asOf(request)),
                        base(request)));
    }

    @Get("/{sid}/Events")
    HttpResponse<byte[]> history(HttpRequest<?> request, @PathVariable String sid) {
        CallContext ctx = RestRequest.context(request);
        var release = catalog.fetchRelease(ctx, sid, null);
        var page =
                audit.resourceHistory(
                        ctx,
                        release.sid(),
                        AuditParameters.position(request, Parameter.AFTER),
                        AuditParameters.position(request, Parameter.BEFORE),
                        AuditParameters.pageSize(request));
        return json.ok(EventsController.list(request, page, Map.of(), base(request)));
    }

    private String base(HttpRequest<?> request) {
        return PublicAddress.baseUrl(request, settings);
    }
}
