package dev.flexplugins.rest;

import dev.flexplugins.application.ServiceSettings;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

/** Turns a POST body into a {@link FormBody}, refusing what is not a form or is too large. */
@Singleton
final class Forms {
    /** A body that is not a form: answered 415. */
    static final class NotAForm extends RuntimeException {
        NotAForm(String message) {
            super(message, null, false, false);
        }
    }

    /** A body over the configured limit: answered 413. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final ServiceSettings settings;

    Forms(ServiceSettings settings) {
        this.settings = settings;
    }

    FormBody read(HttpRequest<?> request, byte[] body) {
        if (body == null || body.length == 0) {
            return FormBody.empty();
        }
        if (body.length > settings.maxBodyBytes()) {
            throw new TooLarge(
                    "The request body is "
                            + body.length
                            + " bytes; the limit is "
                            + settings.maxBodyBytes()
                            + " bytes");
        }
        MediaType type = request.getContentType().orElse(null);
        if (type == null
                || !type.getName().equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED)) {
            throw new NotAForm(
                    "Request bodies must be application/x-www-form-urlencoded"
                            + (type == null ? "" : ", not " + type.getName()));
        }
        return FormBody.parse(body);
    }

    static String required(FormBody form, Field field) {
        String value = form.get(RestNames.of(field));
        if (value == null || value.isEmpty()) {
            throw PluginServiceException.invalid(
                    field,
                    "Missing required parameter " + RestNames.of(field) + " in the post body");
        }
        return value;
    }
}
