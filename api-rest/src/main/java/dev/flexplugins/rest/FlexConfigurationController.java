package dev.flexplugins.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.application.FlexConfigurations;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ServiceSettings;
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
import io.micronaut.http.annotation.Post;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/Configuration}: the part of Flex's account Configuration that the Flex Plugins CLI and
 * the SDKs use, on the same base URL as the Plugin Service. The CLI posts JSON ( {@code
 * {"account_sid": …, "serverless_service_sids": […]}}); form posts use the same names.
 */
@Controller("/v1/Configuration")
@Consumes(MediaType.ALL)
final class FlexConfigurationController {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FlexConfigurations configurations;
    private final Forms forms;
    private final Json json;
    private final ServiceSettings settings;

    FlexConfigurationController(
            FlexConfigurations configurations, Forms forms, Json json, ServiceSettings settings) {
        this.configurations = configurations;
        this.forms = forms;
        this.json = json;
        this.settings = settings;
    }

    @Get
    HttpResponse<byte[]> fetch(HttpRequest<?> request) {
        var state =
                configurations.fetch(RestRequest.context(request), AuditParameters.asOf(request));
        return json.ok(
                Representations.flexConfiguration(state, PublicAddress.baseUrl(request, settings)));
    }

    @Post
    HttpResponse<byte[]> update(HttpRequest<?> request, @Body @Nullable byte[] body) {
        var ctx = RestRequest.context(request);
        boolean isJson =
                request.getContentType()
                        .map(t -> t.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON))
                        .orElse(false);
        List<String> services;
        String uiVersion;
        Map<String, String> dependencies;
        Boolean enabled;
        String account;
        if (isJson) {
            JsonNode node = parse(body);
            account = text(node, "account_sid");
            services =
                    node.has("serverless_service_sids")
                            ? strings(node.get("serverless_service_sids"))
                            : null;
            uiVersion = text(node, "ui_version");
            dependencies = node.has("ui_dependencies") ? map(node.get("ui_dependencies")) : null;
            enabled =
                    node.has("plugin_service_enabled")
                            ? bool(node.get("plugin_service_enabled"))
                            : null;
        } else {
            FormBody form = forms.read(request, body);
            account = form.get("AccountSid");
            List<String> sids = form.all("ServerlessServiceSids");
            services = sids.isEmpty() ? null : sids;
            uiVersion = form.get("UiVersion");
            String deps = form.get("UiDependencies");
            dependencies =
                    deps == null
                            ? null
                            : map(parse(deps.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            enabled = formBoolean(form.get("PluginServiceEnabled"));
        }
        if (account != null && !account.equals(ctx.accountSid())) {
            throw PluginServiceException.invalid(
                    Parameter.BODY, "account_sid must be your own account's SID");
        }
        var state = configurations.update(ctx, services, uiVersion, dependencies, enabled);
        return json.ok(
                Representations.flexConfiguration(state, PublicAddress.baseUrl(request, settings)));
    }

    private static Boolean formBoolean(String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw PluginServiceException.invalid(
                Field.PLUGIN_SERVICE_ENABLED, "PluginServiceEnabled must be true or false");
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw PluginServiceException.invalid(
                        Parameter.BODY, "The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw PluginServiceException.invalid(
                    Parameter.BODY, "The request body is not valid JSON");
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw PluginServiceException.invalid(Parameter.BODY, name + " must be a string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode value) {
        if (!value.isArray()) {
            throw PluginServiceException.invalid(
                    Field.SERVERLESS_SERVICE_SIDS, "serverless_service_sids must be a list");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.isTextual() ? v.asText() : null));
        return out;
    }

    private static Map<String, String> map(JsonNode value) {
        if (!value.isObject()) {
            throw PluginServiceException.invalid(
                    Field.UI_DEPENDENCIES, "ui_dependencies must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        value.fields()
                .forEachRemaining(
                        e ->
                                out.put(
                                        e.getKey(),
                                        e.getValue().isTextual() ? e.getValue().asText() : null));
        return out;
    }

    private static Boolean bool(JsonNode value) {
        if (!value.isBoolean()) {
            throw PluginServiceException.invalid(
                    Field.PLUGIN_SERVICE_ENABLED, "plugin_service_enabled must be true or false");
        }
        return value.asBoolean();
    }
}
