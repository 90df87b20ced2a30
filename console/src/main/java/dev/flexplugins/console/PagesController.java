package dev.flexplugins.console;

import dev.flexplugins.application.ConsoleSessions;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ServiceUnavailableException;
import dev.flexplugins.application.TimeTravel;
import dev.flexplugins.domain.api.Input;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** The console's read pages. Every one renders without JavaScript. */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PagesController {
    private final PageData data;

    PagesController(PageData data) {
        this.data = data;
    }

    @Get("/plugins")
    ModelAndView<Map<String, Object>> plugins(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String archived) {
        Map<String, Object> model = Model.page(session, "plugins", "Plugins");
        model.putAll(data.pluginList(Browser.context(session), q, "on".equals(archived)));
        model.put("q", q == null ? "" : q);
        model.put("showArchived", "on".equals(archived));
        return new ModelAndView<>("plugins", model);
    }

    @Get("/plugins/{sid}")
    ModelAndView<Map<String, Object>> plugin(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid,
            @Nullable @QueryValue String asOf,
            @Nullable @QueryValue String done,
            @Nullable @QueryValue String error) {
        Instant at = asOf(asOf);
        Map<String, Object> model = Model.page(session, "plugins", "Plugin");
        model.putAll(data.plugin(Browser.context(session), sid, at));
        model.put("asOfInput", asOf == null ? "" : asOf);
        model.put("done", Actions.doneMessage(done));
        model.put("formRequestId", Browser.formRequestId());
        return new ModelAndView<>("plugin", model);
    }

    @Get("/plugins/{sid}/archive")
    ModelAndView<Map<String, Object>> confirmArchivePlugin(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid) {
        Map<String, Object> model = Model.page(session, "plugins", "Archive plugin");
        Map<String, Object> plugin = data.plugin(Browser.context(session), sid, null);
        model.put("plugin", plugin.get("plugin"));
        model.put("formRequestId", Browser.formRequestId());
        return new ModelAndView<>("confirm-archive", model);
    }

    @Get("/plugins/{sid}/versions/{versionSid}/archive")
    ModelAndView<Map<String, Object>> confirmArchiveVersion(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid,
            @PathVariable String versionSid) {
        Map<String, Object> model = Model.page(session, "plugins", "Archive plugin version");
        model.putAll(data.version(Browser.context(session), sid, versionSid));
        model.put("formRequestId", Browser.formRequestId());
        return new ModelAndView<>("confirm-archive", model);
    }

    @Get("/releases")
    ModelAndView<Map<String, Object>> releases(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @Nullable @QueryValue String done) {
        Map<String, Object> model = Model.page(session, "releases", "Releases");
        model.putAll(data.releases(Browser.context(session)));
        model.put("done", Actions.doneMessage(done));
        model.put("formRequestId", Browser.formRequestId());
        return new ModelAndView<>("releases", model);
    }

    @Get("/configurations")
    ModelAndView<Map<String, Object>> configurations(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session) {
        Map<String, Object> model = Model.page(session, "configurations", "Configurations");
        model.put("configurations", data.configurationList(Browser.context(session)));
        return new ModelAndView<>("configurations", model);
    }

    @Get("/configurations/{sid}")
    ModelAndView<Map<String, Object>> configuration(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid) {
        Map<String, Object> model = Model.page(session, "configurations", "Configuration");
        model.put("configuration", data.configuration(Browser.context(session), sid));
        return new ModelAndView<>("configuration", model);
    }

    @Get("/diff")
    ModelAndView<Map<String, Object>> diff(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to) {
        Map<String, Object> model = Model.page(session, "configurations", "Compare configurations");
        model.put("configurations", data.configurationList(Browser.context(session)));
        model.put("fromSid", from);
        model.put("toSid", to);
        if (from != null && to != null && !from.isEmpty() && !to.isEmpty()) {
            model.put("diff", data.diff(Browser.context(session), from, to));
        }
        return new ModelAndView<>("diff", model);
    }

    @Get("/history")
    ModelAndView<Map<String, Object>> history(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @Nullable @QueryValue String resource,
            @Nullable @QueryValue Long before) {
        String sid = resource == null || resource.isBlank() ? null : resource.trim();
        Map<String, Object> model = Model.page(session, "history", "History");
        Map<String, Object> history = data.history(Browser.context(session), sid, before);
        if (sid != null
                && before == null
                && ((java.util.List<?>) history.get("events")).isEmpty()) {
            // Every resource has at least its creation: none means not this account's.
            throw PluginServiceException.notFound(
                    Parameter.RESOURCE_SID, "The requested resource " + sid + " was not found");
        }
        model.putAll(history);
        return new ModelAndView<>("history", model);
    }

    /** The live timeline's update: rows after {@code after}, or 204 when there are none. */
    @Get("/history/rows")
    HttpResponse<?> historyRows(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @Nullable @QueryValue String resource,
            @QueryValue long after) {
        String sid = resource == null || resource.isBlank() ? null : resource.trim();
        Map<String, Object> rows = data.historyAfter(Browser.context(session), sid, after);
        if (((java.util.List<?>) rows.get("events")).isEmpty()) {
            return HttpResponse.noContent();
        }
        return HttpResponse.ok(new ModelAndView<>("history-rows", rows));
    }

    @Get("/activity")
    ModelAndView<Map<String, Object>> activity(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session) {
        Map<String, Object> model = Model.page(session, "activity", "Activity");
        model.putAll(data.activity(Browser.context(session)));
        return new ModelAndView<>("activity", model);
    }

    /**
     * An as-of instant from the page's field: ISO-8601 with a zone ({@code 2026-11-28T10:00:00Z}),
     * or a date and time without one ({@code 2026-11-28T10:00}), taken as UTC.
     */
    static Instant asOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return TimeTravel.asOf(Instant.parse(v));
        } catch (DateTimeParseException e) {
            try {
                return TimeTravel.asOf(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                throw PluginServiceException.invalid(
                        Parameter.AS_OF,
                        "As of must be a date and time such as 2026-11-28T10:00 (UTC)");
            }
        }
    }

    // --- errors: a page in the console's shape, never a stack trace ----------------------------

    @Error(exception = PluginServiceException.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, PluginServiceException e) {
        return error(request, e);
    }

    @Error(exception = ServiceUnavailableException.class)
    MutableHttpResponse<?> unavailable(HttpRequest<?> request, ServiceUnavailableException e) {
        return unavailablePage(request, e);
    }

    static MutableHttpResponse<?> error(HttpRequest<?> request, PluginServiceException e) {
        HttpStatus status =
                switch (e.kind()) {
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case ALREADY_EXISTS -> HttpStatus.CONFLICT;
                    default -> HttpStatus.BAD_REQUEST;
                };
        return errorPage(
                request,
                status,
                status == HttpStatus.NOT_FOUND ? "Not found" : "Refused",
                sentence(e.message(label(e.field()))));
    }

    /** An input as the console's pages name it: its words in lower case ("unique name"). */
    static String label(Input input) {
        return input == null ? "" : input.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String sentence(String message) {
        return message.isEmpty()
                ? message
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    static MutableHttpResponse<?> unavailablePage(
            HttpRequest<?> request, ServiceUnavailableException e) {
        return errorPage(request, HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", e.getMessage())
                .header("Retry-After", "1");
    }

    static MutableHttpResponse<?> errorPage(
            HttpRequest<?> request, HttpStatus status, String title, String message) {
        Map<String, Object> model =
                request.getAttribute(Browser.SESSION, ConsoleSessions.Session.class)
                        .map(s -> Model.page(s, "", title))
                        .orElseGet(() -> Model.of("title", title));
        model.put("status", status.getCode());
        model.put("message", message);
        return HttpResponse.status(status).body(new ModelAndView<>("error", model));
    }

    /** A post without the session's CSRF token: refused, nothing changed. */
    static MutableHttpResponse<?> forged(ConsoleSessions.Session session) {
        Map<String, Object> model = Model.page(session, "", "Refused");
        model.put("status", 403);
        model.put(
                "message",
                "This form was not sent from a page of your console session (its security token is missing or wrong); nothing was changed.");
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("error", model));
    }
}
