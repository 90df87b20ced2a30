package dev.flexplugins.rest;

import dev.flexplugins.application.Accounts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.InetSocketAddress;

/**
 * HTTP Basic on every endpoint: username = Account SID, password = its auth token. Also gives every
 * request an id ({@code Twilio-Request-Id}), which the audit log records.
 */
@ServerFilter("/**")
final class AuthFilter {
    private final Accounts accounts;
    private final Json json;

    AuthFilter(Accounts accounts, Json json) {
        this.accounts = accounts;
        this.json = json;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (RequestAdmission.management(request) || RequestAdmission.console(request)) {
            return null; // the console signs in with its own form and session cookie
        }
        InetSocketAddress peer = request.getRemoteAddress();
        String address =
                peer == null || peer.getAddress() == null ? "" : peer.getAddress().getHostAddress();
        Accounts.SignIn signIn =
                accounts.signIn(request.getHeaders().get(HttpHeaders.AUTHORIZATION), address);
        if (signIn instanceof Accounts.SignIn.Accepted accepted) {
            request.setAttribute(RestRequest.ACCOUNT, accepted.accountSid());
            request.setAttribute(RestRequest.ACTOR, accepted.actor());
            return null;
        }
        if (signIn instanceof Accounts.SignIn.Throttled throttled) {
            long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
            return json.error(
                            TwilioError.TOO_MANY_REQUESTS,
                            "Too many failed sign-ins for this account or from this address; retry in "
                                    + seconds
                                    + " s")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return json.error(
                        TwilioError.AUTHENTICATION_FAILED,
                        "Authentication Error - invalid username or password")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Flex Plugin Service\"");
    }

    @ResponseFilter
    void requestIdHeader(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Twilio-Request-Id", RestRequest.requestId(request));
    }
}
