package dev.flexplugins.rest;

import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.HistoryFormat;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.application.ServiceSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit history: a plugin's or a version's events, the account's feed, and one event. Lists run
 * oldest first and page by position ({@code After}, {@code Before}).
 */
@Controller(ResourceUrls.BASE_PATH)
final class EventsController {
    private final AuditTrail audit;
    private final Json json;
    private final ServiceSettings settings;

    EventsController(AuditTrail audit, Json json, ServiceSettings settings) {
        this.audit = audit;
        this.json = json;
        this.settings = settings;
    }

    @Get("/Plugins/{sid}/Events")
    HttpResponse<byte[]> pluginHistory(HttpRequest<?> request, @PathVariable String sid) {
        var page =
                audit.pluginHistory(
                        RestRequest.context(request),
                        sid,
                        AuditParameters.position(request, Parameter.AFTER),
                        AuditParameters.position(request, Parameter.BEFORE),
                        AuditParameters.pageSize(request));
        return json.ok(list(request, page, Map.of(), base(request)));
    }

    @Get("/Plugins/{pluginSid}/Versions/{sid}/Events")
    HttpResponse<byte[]> versionHistory(
            HttpRequest<?> request, @PathVariable String pluginSid, @PathVariable String sid) {
        var page =
                audit.versionHistory(
                        RestRequest.context(request),
                        pluginSid,
                        sid,
                        AuditParameters.position(request, Parameter.AFTER),
                        AuditParameters.position(request, Parameter.BEFORE),
                        AuditParameters.pageSize(request));
        return json.ok(list(request, page, Map.of(), base(request)));
    }

    @Get("/Events")
    HttpResponse<byte[]> feed(HttpRequest<?> request) {
        String resourceSid = emptyToNull(request.getParameters().get("ResourceSid"));
        String type = emptyToNull(request.getParameters().get("Type"));
        var page =
                audit.feed(
                        RestRequest.context(request),
                        resourceSid,
                        type,
                        AuditParameters.position(request, Parameter.AFTER),
                        AuditParameters.position(request, Parameter.BEFORE),
                        AuditParameters.pageSize(request));
        Map<String, String> filters = new LinkedHashMap<>();
        if (resourceSid != null) {
            filters.put("ResourceSid", resourceSid);
        }
        if (type != null) {
            filters.put("Type", type);
        }
        return json.ok(list(request, page, filters, base(request)));
    }

    @Get("/Events/{position}")
    HttpResponse<byte[]> event(HttpRequest<?> request, @PathVariable String position) {
        long parsed;
        try {
            parsed = Long.parseLong(position);
        } catch (NumberFormatException e) {
            return json.error(
                    TwilioError.NOT_FOUND, "The requested Event " + position + " was not found");
        }
        return json.ok(
                HistoryFormat.toMap(
                        audit.event(RestRequest.context(request), parsed), base(request)));
    }

    static Map<String, Object> list(
            HttpRequest<?> request,
            AuditTrail.EventPage page,
            Map<String, String> filters,
            String base) {
        String listUrl = base + request.getPath();
        Long after = AuditParameters.position(request, Parameter.AFTER);
        Long before = AuditParameters.position(request, Parameter.BEFORE);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", 0);
        meta.put("page_size", page.pageSize());
        meta.put("first_page_url", url(listUrl, page.pageSize(), filters, null, null));
        meta.put(
                "previous_page_url",
                page.previousBefore() == null
                        ? null
                        : url(listUrl, page.pageSize(), filters, null, page.previousBefore()));
        meta.put("url", url(listUrl, page.pageSize(), filters, after, before));
        meta.put(
                "next_page_url",
                page.nextAfter() == null
                        ? null
                        : url(listUrl, page.pageSize(), filters, page.nextAfter(), null));
        meta.put("key", "events");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events().stream().map(e -> HistoryFormat.toMap(e, base)).toList());
        body.put("meta", meta);
        return body;
    }

    private static String url(
            String listUrl, int pageSize, Map<String, String> filters, Long after, Long before) {
        StringBuilder url = new StringBuilder(listUrl).append("?PageSize=").append(pageSize);
        filters.forEach(
                (k, v) ->
                        url.append('&')
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (after != null) {
            url.append("&After=").append(after);
        }
        if (before != null) {
            url.append("&Before=").append(before);
        }
        return url.toString();
    }

    private String base(HttpRequest<?> request) {
        return PublicAddress.baseUrl(request, settings);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
