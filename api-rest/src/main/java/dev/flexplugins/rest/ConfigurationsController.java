package dev.flexplugins.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.ConfigurationCatalog;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.application.ServiceSettings;
import dev.flexplugins.domain.api.ConfigurationCommands.PluginEntry;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
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
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /v1/PluginService/Configurations} and their configured plugins. */
@Controller(ResourceUrls.BASE_PATH + "/Configurations")
@Consumes(MediaType.ALL)
final class ConfigurationsController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurationCatalog catalog;
    private final AuditTrail audit;
    private final Forms forms;
    private final Json json;
    private final ServiceSettings settings;

    ConfigurationsController(
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
        var configuration =
                catalog.createConfiguration(
                        RestRequest.context(request),
                        Forms.required(form, Field.NAME),
                        form.get("Description"),
                        plugins(form.all("Plugins")));
        return json.created(Representations.configuration(configuration, base(request)));
    }

    /**
     * {@code Plugins}: repeated, each a JSON object {@code {"plugin_version": "FV…", "phase": 3}},
     * percent-encoded or (as the Flex Plugins CLI sends it) raw.
     */
    static List<PluginEntry> plugins(List<String> values) {
        List<PluginEntry> entries = new ArrayList<>();
        for (String value : values) {
            JsonNode node;
            try {
                node = JSON.readTree(value);
            } catch (IOException e) {
                throw PluginServiceException.invalid(
                        Field.PLUGINS,
                        "Each Plugins value must be a JSON object such as {\"plugin_version\":\"FV…\",\"phase\":3}");
            }
            if (node == null || !node.isObject() || !node.path("plugin_version").isTextual()) {
                throw PluginServiceException.invalid(
                        Field.PLUGINS,
                        "Each Plugins value must be a JSON object with a plugin_version SID");
            }
            JsonNode phase = node.get("phase");
            Integer parsedPhase = null;
            if (phase != null && !phase.isNull()) {
                if (phase.canConvertToInt()
                        && (phase.isIntegralNumber() || phase.asText().matches("\\d{1,3}"))) {
                    parsedPhase =
                            phase.isIntegralNumber()
                                    ? phase.intValue()
                                    : Integer.parseInt(phase.asText());
                } else {
                    throw PluginServiceException.invalid(
                            Field.PLUGINS, "phase must be a whole number");
                }
            }
            entries.add(new PluginEntry(node.get("plugin_version").asText(), parsedPhase));
        }
        return entries;
    }

    @Get
    HttpResponse<byte[]> list(HttpRequest<?> request) {
        PageRequest page = ListParameters.of(request);
        Instant asOf = AuditParameters.asOf(request);
        var result = catalog.listConfigurations(RestRequest.context(request), page, asOf);
        String base = base(request);
        return json.ok(
                Representations.list(
                        "configurations",
                        result,
                        page.pageToken(),
                        base,
                        request.getPath(),
                        Representations.asOfQuery(asOf),
                        c -> Representations.configuration(c, base)));
    }

    @Get("/{sid}")
    HttpResponse<byte[]> fetch(HttpRequest<?> request, @PathVariable String sid) {
        var configuration =
                catalog.fetchConfiguration(
                        RestRequest.context(request), sid, AuditParameters.asOf(request));
        return json.ok(Representations.configuration(configuration, base(request)));
    }

    @Post("/{sid}/Archive")
    HttpResponse<byte[]> archive(
            HttpRequest<?> request, @PathVariable String sid, @Body @Nullable byte[] body) {
        forms.read(request, body);
        return json.ok(
                Representations.configuration(
                        catalog.archiveConfiguration(RestRequest.context(request), sid),
                        base(request)));
    }

    @Get("/{configurationSid}/Plugins")
    HttpResponse<byte[]> listPlugins(
            HttpRequest<?> request, @PathVariable String configurationSid) {
        PageRequest page = ListParameters.of(request);
        Instant asOf = AuditParameters.asOf(request);
        var result =
                catalog.listConfiguredPlugins(
                        RestRequest.context(request), configurationSid, page, asOf);
        String base = base(request);
        return json.ok(
                Representations.list(
                        "plugins",
                        result,
                        page.pageToken(),
                        base,
                        request.getPath(),
                        Representations.asOfQuery(asOf),
                        p -> Representations.configuredPlugin(p, base)));
    }

    @Get("/{configurationSid}/Plugins/{pluginSid}")
    HttpResponse<byte[]> fetchPlugin(
            HttpRequest<?> request,
            @PathVariable String configurationSid,
            @PathVariable String pluginSid) {
        var plugin =
                catalog.fetchConfiguredPlugin(
                        RestRequest.context(request),
                        configurationSid,
                        pluginSid,
                        AuditParameters.asOf(request));
        return json.ok(Representations.configuredPlugin(plugin, base(request)));
    }

    @Get("/{sid}/Events")
    HttpResponse<byte[]> history(HttpRequest<?> request, @PathVariable String sid) {
        CallContext ctx = RestRequest.context(request);
        var configuration = catalog.fetchConfiguration(ctx, sid, null);
        var page =
                audit.resourceHistory(
                        ctx,
                        configuration.sid(),
                        AuditParameters.position(request, Parameter.AFTER),
                        AuditParameters.position(request, Parameter.BEFORE),
                        AuditParameters.pageSize(request));
        return json.ok(EventsController.list(request, page, Map.of(), base(request)));
    }

    private String base(HttpRequest<?> request) {
        return PublicAddress.baseUrl(request, settings);
    }
}
