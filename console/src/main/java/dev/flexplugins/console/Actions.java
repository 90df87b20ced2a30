package dev.flexplugins.console;

import dev.flexplugins.application.ConfigurationCatalog;
import dev.flexplugins.application.ConsoleSessions;
import dev.flexplugins.application.PluginCatalog;
import dev.flexplugins.application.Resources.Plugin;
import dev.flexplugins.application.Resources.Release;
import dev.flexplugins.application.ServiceUnavailableException;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Map;

/**
 * The console's writes: archive a plugin or a version, roll back to a release. Each is the same
 * application call as REST's ({@code POST …/Archive}, {@code POST /Releases}), made for the
 * session's account with channel {@code console}, so it obeys the same rules and is audited alike.
 * Every form carries the session's CSRF token; a form without it changes nothing.
 */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
final class Actions {
    private final PluginCatalog plugins;
    private final ConfigurationCatalog configurations;

    Actions(PluginCatalog plugins, ConfigurationCatalog configurations) {
        this.plugins = plugins;
        this.configurations = configurations;
    }

    /** The banner for a {@code done} code after a redirect (codes only: no text from the URL). */
    static String doneMessage(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "archived" -> "Archived.";
            case "version-archived" -> "Plugin version archived.";
            case "released" -> "Rolled back: a new release of that configuration is now active.";
            default -> null;
        };
    }

    @Post("/plugins/{sid}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> archivePlugin(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid,
            @Body Map<String, String> form) {
        if (!Browser.csrfMatches(session, form.get("csrf"))) {
            return PagesController.forged(session);
        }
        Plugin plugin = plugins.archivePlugin(Browser.context(session, form.get("request")), sid);
        return HttpResponse.seeOther(
                URI.create("/console/plugins/" + plugin.sid() + "?done=archived"));
    }

    @Post("/plugins/{sid}/versions/{versionSid}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> archiveVersion(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid,
            @PathVariable String versionSid,
            @Body Map<String, String> form) {
        if (!Browser.csrfMatches(session, form.get("csrf"))) {
            return PagesController.forged(session);
        }
        plugins.archiveVersion(Browser.context(session, form.get("request")), sid, versionSid);
        return HttpResponse.seeOther(
                URI.create(
                        "/console/plugins/"
                                + plugins.fetchPlugin(Browser.context(session), sid).sid()
                                + "?done=version-archived"));
    }

    /** Roll back to a release: a new release of that release's configuration. */
    @Post("/releases/{sid}/roll-back")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rollBack(
            @RequestAttribute(Browser.SESSION) ConsoleSessions.Session session,
            @PathVariable String sid,
            @Body Map<String, String> form) {
        if (!Browser.csrfMatches(session, form.get("csrf"))) {
            return PagesController.forged(session);
        }
        Release target = configurations.fetchRelease(Browser.context(session), sid, null);
        Release created =
                configurations.createRelease(
                        Browser.context(session, form.get("request")), target.configurationSid());
        return HttpResponse.seeOther(
                URI.create("/console/releases?done=released#" + created.sid()));
    }

    @Error(exception = PluginServiceException.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, PluginServiceException e) {
        return PagesController.error(request, e);
    }

    @Error(exception = ServiceUnavailableException.class)
    MutableHttpResponse<?> unavailable(HttpRequest<?> request, ServiceUnavailableException e) {
        return PagesController.unavailablePage(request, e);
    }
}
