package dev.flexplugins.console;

import dev.flexplugins.application.Accounts;
import dev.flexplugins.application.ConsoleSessions;
import dev.flexplugins.application.ServiceSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Sign-in with an Account SID and auth token, or an API key SID and secret, through the same
 * throttle as the APIs. The sign-in form is protected against cross-site posts by a cookie it must
 * repeat (the browser has no session yet).
 */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignInController {
    private final Accounts accounts;
    private final ConsoleSessions sessions;
    private final ServiceSettings settings;

    SignInController(Accounts accounts, ConsoleSessions sessions, ServiceSettings settings) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.settings = settings;
    }

    @Get
    HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create("/console/plugins"));
    }

    @Get("/sign-in")
    HttpResponse<?> form(
            HttpRequest<?> request,
            @Nullable @QueryValue String next,
            @Nullable @QueryValue String done) {
        return form(
                request,
                next,
                "signed-out".equals(done) ? "You are signed out." : null,
                null,
                HttpStatus.OK);
    }

    @Post("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signIn(
            HttpRequest<?> request,
            @Body Map<String, String> form,
            @Nullable @CookieValue(Browser.SIGN_IN_COOKIE) String formCookie) {
        String next = form.get("next");
        String token = form.get("csrf");
        if (formCookie == null || token == null || !formCookie.equals(token)) {
            return form(
                    request,
                    next,
                    null,
                    "The sign-in form expired or was not sent from this page; try again.",
                    HttpStatus.FORBIDDEN);
        }
        String sid = form.getOrDefault("sid", "").trim();
        String secret = form.getOrDefault("secret", "");
        if (sid.isEmpty() || secret.isEmpty() || sid.length() > 64 || secret.length() > 256) {
            return form(
                    request,
                    next,
                    null,
                    "Enter an Account SID (or API key SID) and its secret.",
                    HttpStatus.BAD_REQUEST);
        }
        InetSocketAddress peer = request.getRemoteAddress();
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For");
        String address =
                settings.clientAddress(
                        peer == null || peer.getAddress() == null
                                ? ""
                                : peer.getAddress().getHostAddress(),
                        forwarded.isEmpty() ? null : String.join(",", forwarded));
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (sid + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Accounts.SignIn result = accounts.signIn(basic, address);
        if (result instanceof Accounts.SignIn.Accepted accepted) {
            ConsoleSessions.Opened opened = sessions.open(accepted.accountSid(), accepted.actor());
            return HttpResponse.seeOther(URI.create(Browser.safeNext(next)))
                    .cookie(
                            Browser.cookie(
                                    request,
                                    Browser.SESSION_COOKIE,
                                    opened.cookie(),
                                    ConsoleSessions.LIFETIME.toSeconds()))
                    .cookie(Browser.cookie(request, Browser.SIGN_IN_COOKIE, "", 0));
        }
        if (result instanceof Accounts.SignIn.Throttled throttled) {
            long seconds = throttled.retryAfterSeconds();
            return form(
                            request,
                            next,
                            null,
                            "Too many failed sign-ins; try again in " + seconds + " s.",
                            HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(seconds));
        }
        return form(
                request,
                next,
                null,
                "Those credentials were not accepted. Use an Account SID (AC…) with its auth token, or an API key SID (SK…) with its secret.",
                HttpStatus.UNAUTHORIZED);
    }

    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(
            HttpRequest<?> request,
            @Body Map<String, String> form,
            @Nullable @CookieValue(Browser.SESSION_COOKIE) String cookie) {
        ConsoleSessions.Session session =
                request.getAttribute(Browser.SESSION, ConsoleSessions.Session.class).orElseThrow();
        if (!Browser.csrfMatches(session, form.get("csrf"))) {
            return PagesController.forged(session);
        }
        sessions.close(cookie);
        return HttpResponse.seeOther(URI.create("/console/sign-in?done=signed-out"))
                .cookie(Browser.cookie(request, Browser.SESSION_COOKIE, "", 0));
    }

    private MutableHttpResponse<?> form(
            HttpRequest<?> request, String next, String notice, String error, HttpStatus status) {
        String token = Browser.randomToken();
        Cookie cookie = Browser.cookie(request, Browser.SIGN_IN_COOKIE, token, 600);
        return HttpResponse.status(status)
                .body(
                        new ModelAndView<>(
                                "sign-in",
                                Model.of(
                                        "title", "Sign in",
                                        "csrf", token,
                                        "next", Browser.safeNext(next),
                                        "notice", notice,
                                        "error", error)))
                .cookie(cookie);
    }
}
