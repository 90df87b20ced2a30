package dev.flexplugins.rest;

import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.PluginCatalog;
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

/** {@code /v1/PluginService/Plugins/{PluginSid}/Versions}: create, fetch, list, archive. */
@Controller(Representations.BASE_PATH + "/Plugins/{pluginSid}/Versions")
@Consumes(MediaType.ALL)
final class PluginVersionsController {
    private final PluginCatalog catalog;
    private final Forms forms;
    private final Json json;
    private final ServiceSettings settings;

    PluginVersionsController(
            PluginCatalog catalog, Forms forms, Json json, ServiceSettings settings) {
        this.catalog = catalog;
        this.forms = forms;
        this.json = json;
        this.settings = settings;
    }

    @Post
    HttpResponse<byte[]> create(
            HttpRequest<?> request, @PathVariable String pluginSid, @Body @Nullable byte[] body) {
        FormBody form = forms.read(request, body);
        var fields =
                new PluginCatalog.NewVersion(
                        Forms.required(form, Field.VERSION),
                        Forms.required(form, Field.PLUGIN_URL),
                        form.get("Changelog"),
                        form.bool(Field.PRIVATE, false),
                        form.get("CliVersion"),
                        form.get("ValidateStatus"));
        var version = catalog.createVersion(RestRequest.context(request), pluginSid, fields);
        return json.created(Representations.version(version, base(request)));
    }

    @Get
    HttpResponse<byte[]> list(HttpRequest<?> request, @PathVariable String pluginSid) {
        PageRequest page = ListParameters.of(request);
        Instant asOf = AuditParameters.asOf(request);
        CallContext ctx = RestRequest.context(request);
        var result = catalog.listVersions(ctx, pluginSid, page, asOf);
        String base = base(request);
        return json.ok(
                Representations.list(
                        "plugin_versions",
                        result,
                        page.pageToken(),
                        base,
                        request.getPath(),
                        Representations.asOfQuery(asOf),
                        v -> Representations.versionWritten(v, base)));
    }

    @Get("/{sid}")
    HttpResponse<byte[]> fetch(
            HttpRequest<?> request, @PathVariable String pluginSid, @PathVariable String sid) {
        Instant asOf = AuditParameters.asOf(request);
        CallContext ctx = RestRequest.context(request);
        var version = catalog.fetchVersion(ctx, pluginSid, sid, asOf);
        return json.ok(Representations.version(version, base(request)));
    }

    @Post("/{sid}/Archive")
    HttpResponse<byte[]> archive(
            HttpRequest<?> request,
            @PathVariable String pluginSid,
            @PathVariable String sid,
            @Body @Nullable byte[] body) {
        forms.read(request, body);
        var version = catalog.archiveVersion(RestRequest.context(request), pluginSid, sid);
        return json.ok(Representations.version(version, base(request)));
    }

    private String base(HttpRequest<?> request) {
        return PublicAddress.baseUrl(request, settings);
    }
}
