package dev.flexplugins.rest;

import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What the auth filter learned about a request (account, credential, request id), and the base URL
 * that absolute {@code url}/{@code links} values are built from.
 */
final class RestRequest {
    static final String ACCOUNT = "flex.account";
    static final String ACTOR = "flex.actor";
    static final String REQUEST_ID = "flex.requestId";
    static final String RECEIVED_AT = "flex.receivedAt";
    static final String FLEX_METADATA_HEADER = "Flex-Metadata";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TWILIO_IDEMPOTENCY_TOKEN = "I-Twilio-Idempotency-Token";
    static final int IDEMPOTENCY_KEY_MAX = 128;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");

    private RestRequest() {}

    static CallContext context(HttpRequest<?> request) {
        String flexMetadata = request.getHeaders().get(FLEX_METADATA_HEADER);
        String key = request.getMethod() == HttpMethod.POST ? idempotencyKey(request) : null;
        return new CallContext(
                request.getAttribute(ACCOUNT, String.class).orElseThrow(),
                request.getAttribute(ACTOR, String.class).orElseThrow(),
                "rest",
                key != null ? key : requestId(request),
                flexMetadata,
                request.getAttribute(RECEIVED_AT, Instant.class).orElseGet(Instant::now),
                key != null);
    }

    /**
     * The caller's idempotency key ({@code Idempotency-Key}, or Twilio's {@code
     * I-Twilio-Idempotency-Token}): a retry with the same key returns what the first request did
     * instead of acting again, as {@code request_id} does on gRPC.
     */
    static String idempotencyKey(HttpRequest<?> request) {
        String key = request.getHeaders().get(IDEMPOTENCY_KEY);
        String header = IDEMPOTENCY_KEY;
        if (key == null) {
            key = request.getHeaders().get(TWILIO_IDEMPOTENCY_TOKEN);
            header = TWILIO_IDEMPOTENCY_TOKEN;
        }
        if (key == null) {
            return null;
        }
        if (key.isEmpty()
                || key.length() > IDEMPOTENCY_KEY_MAX
                || !PRINTABLE.matcher(key).matches()) {
            throw PluginServiceException.invalid(
                    Parameter.REQUEST_ID,
                    header
                            + " must be 1 to "
                            + IDEMPOTENCY_KEY_MAX
                            + " printable ASCII characters");
        }
        return key;
    }

    static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID, String.class).orElse("unknown");
    }
}
