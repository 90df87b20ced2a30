package dev.flexplugins.rest;

import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;

/** PageSize, Page and PageToken from a list request's query string. */
final class ListParameters {
    private ListParameters() {}

    static PageRequest of(HttpRequest<?> request) {
        var params = request.getParameters();
        return new PageRequest(
                integer(params, Parameter.PAGE_SIZE),
                params.get(RestNames.of(Parameter.PAGE_TOKEN)),
                integer(params, Parameter.PAGE));
    }

    private static Integer integer(HttpParameters params, Parameter field) {
        String value = params.get(RestNames.of(field));
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
                    field, RestNames.of(field) + " must be a non-negative integer");
        }
    }
}
