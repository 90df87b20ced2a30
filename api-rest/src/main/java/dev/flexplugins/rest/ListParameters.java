package dev.flexplugins.rest;

import dev.flexplugins.application.PageRequest;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;

/** PageSize, Page and PageToken from a list request's query string. */
final class ListParameters {
    private ListParameters() {}

    static PageRequest of(HttpRequest<?> request) {
        var params = request.getParameters();
        return new PageRequest(
                integer(params, Field.PAGE_SIZE),
                params.get(Field.PAGE_TOKEN.rest()),
                integer(params, Field.PAGE));
    }

    private static Integer integer(HttpParameters params, Field field) {
        String value = params.get(field.rest());
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw PluginServiceException.invalid(
                    field, field.rest() + " must be a non-negative integer");
        }
    }
}
