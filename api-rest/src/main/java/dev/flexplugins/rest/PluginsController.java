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

/** {@code /v1/PluginService/Plugins}: create, fetch, list, update, archive. */
@Controller(Representations.BASE_PATH + "/Plugins")
@Consumes(MediaType.ALL)
final class PluginsController {
    private final PluginCatalog catalog;
    private final Forms forms;
    private final Json json;
    private final ServiceSettings settings;

    PluginsController(PluginCatalog catalog, Forms forms, Json json, ServiceSettings settings) {
        this.catalog = catalog;
        this.forms = forms;
        this.json = json;
        this.settings = settings;
    }

    @Post
    HttpResponse<byte[]> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        FormBody form = forms.read(request, body);
        var plugin =
                catalog.createPlugin(
                        RestRequest.context(request),
                        Forms.required(form, Field.UNIQUE_NAME),
                        form.get("FriendlyName"),
                        form.get("Description"));
        return json.created(Representations.plugin(plugin, base(request)));
    }

    @Get
    HttpResponse<byte[]> list(HttpRequest<?> request) {
        PageRequest page = ListParameters.of(request);
        Instant asOf = AuditParameters.asOf(request);
        CallContext ctx = RestRequest.context(request);
        var result = catalog.listPlugins(ctx, page, asOf);
        String base = base(request);
        return json.ok(
                Representations.list(
                        "plugins",
                        result,
                        page.pageToken(),
                        base,
                        request.getPath(),
                        Representations.asOfQuery(asOf),
                        p -> Representations.plugin(p, base)));
    }

    @Get("/{sid}")
    HttpResponse<byte[]> fetch(HttpRequest<?> request, @PathVariable String sid) {
        Instant asOf = AuditParameters.asOf(request);
        CallContext ctx = RestRequest.context(request);
        var plugin = catalog.fetchPlugin(ctx, sid, asOf);
        return json.ok(Representations.plugin(plugin, base(request)));
    }

    @Post("/{sid}")
    HttpResponse<byte[]> update(
            HttpRequest<?> request, @PathVariable String sid, @Body @Nullable byte[] body) {
        FormBody form = forms.read(request, body);
        CallContext ctx = RestRequest.context(request);
        var plugin =
                catalog.updatePlugin(ctx, sid, form.get("FriendlyName"), form.get("Description"));
        return json.ok(Representations.plugin(plugin, base(request)));
    }

    @Post("/{sid}/Archive")
    HttpResponse<byte[]> archive(
            HttpRequest<?> request, @PathVariable String sid, @Body @Nullable byte[] body) {
        forms.read(request, body);
        var plugin = catalog.archivePlugin(RestRequest.context(request), sid);
        return json.ok(Representations.plugin(plugin, base(request)));
    }

    private String base(HttpRequest<?> request) {
        return PublicAddress.baseUrl(request, settings);
    }
}
