package dev.flexplugins.rest;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Every error body Micronaut writes itself (a request the HTTP decoder refused, a route that does
 * not exist) in Twilio's shape, {@code {"code","message","more_info","status"}}, like the service's
 * own.
 */
@Singleton
@Primary
final class TwilioErrorBodies implements ErrorResponseProcessor<String> {
    private final Json json;

    TwilioErrorBodies(Json json) {
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<String> processResponse(
            ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        TwilioError error = TwilioError.of(status.getCode());
        String message =
                context.getErrors().stream()
                        .map(Error::getMessage)
                        .findFirst()
                        .orElse(status.getReason());
        if (status.getCode() >= 500) {
            message = "Internal error";
        }
        String body = json.body(error, status.getCode(), message);
        return ((MutableHttpResponse<String>) response)
                .body(body)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
