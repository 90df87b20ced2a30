package dev.flexplugins.console;

import dev.flexplugins.application.ConsoleSessions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Every console page needs a live session: without one, a read is sent to the sign-in page (and
 * back after it), a post is refused. Every console answer carries headers that keep it out of
 * frames and caches and allow scripts only from this server.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
final class ConsoleFilter implements ConditionalFilter {
    private final ConsoleSessions sessions;

    ConsoleFilter(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * The console's paths ({@link ConsoleSessions#consolePath}). The console's filters are
     * registered for every path and switched on here, rather than given these as patterns: one
     * filter with a pattern makes Micronaut match and sort the filters of every request anew (an
     * Ant-style match per pattern), which on a REST fetch cost about a twentieth of its JVM time.
     */
    static boolean console(String path) {
        return ConsoleSessions.consolePath(path);
    }

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return console(request.getPath());
    }

    static boolean open(String path) {
        return path.equals("/console/sign-in")
                || path.startsWith("/console/webjars/")
                || path.startsWith("/console/assets/");
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> session(HttpRequest<?> request) {
        String path = request.getPath();
        if (open(path)) {
            return null;
        }
        Optional<ConsoleSessions.Session> session =
                request.getCookies()
                        .findCookie(Browser.SESSION_COOKIE)
                        .map(Cookie::getValue)
                        .flatMap(sessions::find);
        if (session.isPresent()) {
            request.setAttribute(Browser.SESSION, session.get());
            return null;
        }
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.FORBIDDEN)
                    .contentType("text/plain; charset=utf-8")
                    .body("Your console session has ended; sign in again.\n");
        }
        String next =
                path
                        + (request.getUri().getRawQuery() == null
                                ? ""
                                : "?" + request.getUri().getRawQuery());
        return HttpResponse.seeOther(
                java.net.URI.create(
                        "/console/sign-in?next="
                                + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                        + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "same-origin");
        if (!request.getPath().startsWith("/console/webjars/")
                && !request.getPath().startsWith("/console/assets/")) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
