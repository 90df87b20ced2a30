package dev.flexplugins.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes response bodies exactly as the Twilio clients parse them: ordered keys, nulls kept. */
@Singleton
final class Json {
    private final ObjectMapper mapper = new ObjectMapper();

    MutableHttpResponse<byte[]> ok(Map<String, Object> body) {
        return respond(HttpStatus.OK, body);
    }

    MutableHttpResponse<byte[]> created(Map<String, Object> body) {
        return respond(HttpStatus.CREATED, body);
    }

    MutableHttpResponse<byte[]> error(TwilioError error, String message) {
        return respond(
                HttpStatus.valueOf(error.status), errorBody(error.code, error.status, message));
    }

    /** A Twilio error body for {@code status} (which may be one no TwilioError names). */
    String body(TwilioError error, int status, String message) {
        try {
            return mapper.writeValueAsString(errorBody(error.code, status, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> errorBody(int code, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return body;
    }

    /** 503 with {@code Retry-After}: nothing was changed, and a retry in a moment may succeed. */
    MutableHttpResponse<byte[]> unavailable(String message) {
        return error(TwilioError.SERVICE_UNAVAILABLE, message).header(HttpHeaders.RETRY_AFTER, "1");
    }

    private MutableHttpResponse<byte[]> respond(HttpStatus status, Map<String, Object> body) {
        try {
            return HttpResponse.<byte[]>status(status)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
