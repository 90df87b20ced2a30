package dev.flexplugins.rest;

import dev.flexplugins.application.Accounts;
import dev.flexplugins.application.ServiceSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * HTTP Basic on every endpoint: username = Account SID, password = its auth token (or an API key
 * SID and its secret).
 *
 * <p>Credentials whose account (or API key) row is cached and fresh are checked on the event loop
 * (a hash and a compare); anything that needs the database (an unknown or stale row, a wrong
 * secret, the throttle) is decided on the blocking pool, so no request waits on the event loop for
 * the database.
 */
@ServerFilter("/**")
final class AuthFilter implements ConditionalFilter {
    private final Accounts accounts;
    private final Json json;
    private final ServiceSettings settings;

    AuthFilter(Accounts accounts, Json json, ServiceSettings settings) {
        this.accounts = accounts;
        this.json = json;
        this.settings = settings;
    }

    /**
     * Runs before any filter of the request (Micronaut asks every filter first): signs the request
     * in from memory when it can (then this filter is skipped, and with it the hop to the blocking
     * pool); otherwise the filter runs, on the blocking pool.
     */
    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        if (RequestAdmission.management(request)) {
            // health and metrics need no credentials, and must not wait for a request thread
            // (this filter's authenticate runs on one): a probe is answered while all are busy
            return false;
        }
        if (RequestAdmission.console(request)) {
            // Not signed in here (the console has its own form and session cookie), but the
            // filter runs for it as it always has: skipping it made Chrome show an empty page
            // after the console's refused sign-in (ConsoleBrowserTest), for a reason not found.
            return true;
        }
        Optional<Accounts.SignIn.Accepted> known =
                accounts.acceptedFromMemory(
                        request.getHeaders().get(HttpHeaders.AUTHORIZATION), address(request));
        known.ifPresent(accepted -> answer(request, accepted));
        return known.isEmpty();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (RequestAdmission.management(request) || RequestAdmission.console(request)) {
            return null;
        }
        return answer(
                request,
                accounts.signIn(
                        request.getHeaders().get(HttpHeaders.AUTHORIZATION), address(request)));
    }

    private String address(HttpRequest<?> request) {
        return clientAddress(request, settings);
    }

    /** The client's address, for the sign-in brake (see {@link ServiceSettings#clientAddress}). */
    static String clientAddress(HttpRequest<?> request, ServiceSettings settings) {
        InetSocketAddress peer = request.getRemoteAddress();
        String address =
                peer == null || peer.getAddress() == null ? "" : peer.getAddress().getHostAddress();
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For");
        return settings.clientAddress(
                address, forwarded.isEmpty() ? null : String.join(",", forwarded));
    }

    @Nullable
    private HttpResponse<?> answer(HttpRequest<?> request, Accounts.SignIn signIn) {
        if (signIn instanceof Accounts.SignIn.Accepted accepted) {
            request.setAttribute(RestRequest.ACCOUNT, accepted.accountSid());
            request.setAttribute(RestRequest.ACTOR, accepted.actor());
            return null;
        }
        if (signIn instanceof Accounts.SignIn.Throttled throttled) {
            long seconds = throttled.retryAfterSeconds();
            return json.error(
                            TwilioError.TOO_MANY_REQUESTS,
                            "Too many failed sign-ins from this address; retry in "
                                    + seconds
                                    + " s")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return json.error(
                        TwilioError.AUTHENTICATION_FAILED,
                        "Authentication Error - invalid username or password")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Flex Plugin Service\"");
    }
}
