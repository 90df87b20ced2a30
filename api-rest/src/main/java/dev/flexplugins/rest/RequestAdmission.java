package dev.flexplugins.rest;

import dev.flexplugins.application.Availability;
import dev.flexplugins.application.ConsoleSessions;
import dev.flexplugins.application.ServiceSettings;
import dev.flexplugins.domain.api.Sids;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first and last thing every API request meets: it gets its request id (answered as {@code
 * Twilio-Request-Id}; the audit log records it), is admitted (or refused with 503 and {@code
 * Retry-After} when the node is stopping or its database is down), is counted while in flight so
 * shutdown can wait for it, and leaves one log line when it failed.
 */
@ServerFilter("/**")
@Order(Ordered.HIGHEST_PRECEDENCE + 1000)
final class RequestAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);
    private static final String ADMITTED = "flex.admitted";

    /** The cause of a failure, for the request's log line. */
    static final String FAILURE = "flex.failure";

    private final Availability availability;
    private final Json json;
    private final ServiceSettings settings;

    RequestAdmission(Availability availability, Json json, ServiceSettings settings) {
        this.availability = availability;
        this.json = json;
        this.settings = settings;
    }

    /**
     * A control character (e.g. {@code %00}) in the path or query: no identifier or parameter has
     * one, and databases refuse some of them, so it is refused here, before anything reads it.
     */
    static boolean hasControlCharacter(HttpRequest<?> request) {
        String path = request.getPath();
        if (controlIn(path) || (path.indexOf('%') >= 0 && ENCODED_CONTROL.matcher(path).find())) {
            return true;
        }
        if (request.getUri().getRawQuery() == null) {
            return false; // no parameters to decode (most fetches)
        }
        for (var entry : request.getParameters().asMap().entrySet()) {
            if (controlIn(entry.getKey())
                    || entry.getValue().stream().anyMatch(RequestAdmission::controlIn)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])");

    private static boolean controlIn(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * A refusal that reached here without a body (one made by a framework filter rather than by
     * this facade's handlers) gets Twilio's error shape like every other: clients read the error
     * from the body. Answers to {@code HEAD} carry no body.
     */
    @SuppressWarnings("unchecked")
    private void withErrorBody(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400
                || request.getMethod() == HttpMethod.HEAD
                || response.getBody().isPresent()) {
            return;
        }
        String message =
                status >= 500 ? "Internal error" : response.reason() + ": " + request.getPath();
        ((MutableHttpResponse<Object>) response)
                .body(json.body(TwilioError.of(status), status, message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Health and metrics answer whatever the node's state: that is what they are for. */
    static boolean management(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/prometheus");
    }

    /** The browser console (its own module) authenticates with a session cookie, not Basic. */
    static boolean console(HttpRequest<?> request) {
        return ConsoleSessions.consolePath(request.getPath());
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        request.setAttribute(RestRequest.REQUEST_ID, Sids.random(Sids.REQUEST));
        request.setAttribute(RestRequest.RECEIVED_AT, Instant.now());
        if (management(request)) {
            return null;
        }
        if (hasControlCharacter(request)) {
            return json.error(
                    TwilioError.INVALID_PARAMETER,
                    "The request URL contains a control character (such as %00), which no parameter accepts");
        }
        Optional<String> wrongHost = PublicAddress.refusal(request, settings);
        if (wrongHost.isPresent()) {
            return json.error(TwilioError.INVALID_PARAMETER, wrongHost.get());
        }
        Optional<String> refused = availability.admit();
        if (refused.isPresent()) {
            MutableHttpResponse<byte[]> response = json.unavailable(refused.get());
            if (availability.phase().compareTo(Availability.Phase.REFUSING) >= 0) {
                response.header(
                        HttpHeaders.CONNECTION, "close"); // let clients move to another node
            }
            return response;
        }
        request.setAttribute(ADMITTED, Boolean.TRUE);
        return null;
    }

    @ResponseFilter
    void release(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Twilio-Request-Id", RestRequest.requestId(request));
        withErrorBody(request, response);
        if (request.getAttribute(ADMITTED).isPresent()) {
            request.removeAttribute(ADMITTED, Boolean.class);
            availability.done();
        }
        int status = response.code();
        if (availability.phase().compareTo(Availability.Phase.REFUSING) >= 0) {
            response.header(HttpHeaders.CONNECTION, "close"); // let clients move to another node
        } else if (status >= 400 && request.getMethod() == HttpMethod.POST) {
            // A POST refused before its body was read (by a filter) leaves the body on the
            // connection,
            // and the server drops the connection after answering. Saying so stops a keep-alive
            // client
            // from sending its next request on a connection that is about to close.
            response.header(HttpHeaders.CONNECTION, "close");
        }
        if (status >= 400 && !management(request)) {
            String line = "{} {} -> {} ({}){}";
            String cause =
                    request.getAttribute(FAILURE, String.class).map(c -> ": " + c).orElse("");
            if (status >= 500) {
                LOG.warn(
                        line,
                        request.getMethodName(),
                        request.getPath(),
                        status,
                        RestRequest.requestId(request),
                        cause);
            } else {
                LOG.info(
                        line,
                        request.getMethodName(),
                        request.getPath(),
                        status,
                        RestRequest.requestId(request),
                        cause);
            }
        }
    }
}
