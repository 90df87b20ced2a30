package dev.flexplugins.console;

import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.ConsoleSessions;
import dev.flexplugins.domain.api.Sids;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What the console knows about the browser of a request: its session, and how to act for it. */
final class Browser {
    static final String SESSION_COOKIE = "flex_console";
    static final String SIGN_IN_COOKIE = "flex_console_signin";
    static final String SESSION = "console.session";
    static final String PATH = "/console";
    private static final Pattern REQUEST_ID = Pattern.compile("RQ[0-9a-f]{32}");

    private Browser() {}

    /**
     * The context the application layer records for a console action: the session's account and
     * credential, channel {@code console}, and the request id the form carried (a form sent twice
     * acts once), or a fresh one.
     */
    static CallContext context(ConsoleSessions.Session session, String formRequestId) {
        boolean fromForm = formRequestId != null && REQUEST_ID.matcher(formRequestId).matches();
        return new CallContext(
                session.accountSid(),
                session.actor(),
                "console",
                fromForm ? formRequestId : Sids.random(Sids.REQUEST),
                null,
                Instant.now(),
                fromForm);
    }

    static CallContext context(ConsoleSessions.Session session) {
        return context(session, null);
    }

    /** A fresh request id for a form, so that sending it twice acts once. */
    static String formRequestId() {
        return Sids.random(Sids.REQUEST);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** 128 random bits in hex. */
    static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The form's CSRF token is the session's. */
    static boolean csrfMatches(ConsoleSessions.Session session, String token) {
        return token != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.US_ASCII),
                        session.csrfToken().getBytes(StandardCharsets.US_ASCII));
    }

    static boolean secure(HttpRequest<?> request) {
        return request.isSecure()
                || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    /** A console cookie: HttpOnly, SameSite=Strict, Secure over https, scoped to /console. */
    static Cookie cookie(HttpRequest<?> request, String name, String value, long maxAgeSeconds) {
        return Cookie.of(name, value)
                .path(PATH)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .secure(secure(request))
                .maxAge(maxAgeSeconds);
    }

    /** Where to go back to after signing in: only a console path of this server. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith(PATH + "/") || next.startsWith("//")) {
            return PATH + "/plugins";
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getHost() != null) {
                return PATH + "/plugins";
            }
        } catch (Exception e) {
            return PATH + "/plugins";
        }
        return next;
    }
}
