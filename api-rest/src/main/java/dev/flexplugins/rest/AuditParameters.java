package dev.flexplugins.rest;

import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.TimeTravel;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** AsOf, After and Before query parameters. */
final class AuditParameters {
    private AuditParameters() {}

    /**
     * {@code AsOf}: an ISO-8601 instant with a zone ({@code 2026-11-28T10:00:00Z}); null when
     * absent.
     */
    static Instant asOf(HttpRequest<?> request) {
        String value = request.getParameters().get(RestNames.of(Parameter.AS_OF));
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return TimeTravel.asOf(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeException e) {
            throw PluginServiceException.invalid(
                    Parameter.AS_OF,
                    "AsOf must be an ISO-8601 instant with a zone, such as 2026-11-28T10:00:00Z");
        }
    }

    static Long position(HttpRequest<?> request, Parameter field) {
        String value = request.getParameters().get(RestNames.of(field));
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw PluginServiceException.invalid(
                    field, RestNames.of(field) + " must be a non-negative event position");
        }
    }

    static Integer pageSize(HttpRequest<?> request) {
        return ListParameters.of(request).pageSize();
    }
}
