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
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
        if (RequestAdmission.management(request)) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                String username = decoded.substring(0, colon);
                String password = decoded.substring(colon + 1);
                if (accounts.authenticate(username, password)) {
                    request.setAttribute(RestRequest.ACCOUNT, username);
                    request.setAttribute(RestRequest.ACTOR, username);
                    return null;
                }
            }
        }
        return json.error(TwilioError.AUTHENTICATION_FAILED, "Authentication Error - invalid username or password")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Flex Plugin Service\"");
    }

    @ResponseFilter
    void requestIdHeader(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Twilio-Request-Id", RestRequest.requestId(request));
    }
}
