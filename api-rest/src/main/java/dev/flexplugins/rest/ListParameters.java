package dev.flexplugins.rest;

import dev.flexplugins.application.PageRequest;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpRequest;

/** PageSize, Page and PageToken from a list request's query string. */
final class ListParameters {
    private ListParameters() {
    }

    static PageRequest of(HttpRequest<?> request) {
        var params = request.getParameters();
        return new PageRequest(integer(params.get("PageSize"), "PageSize"), params.get("PageToken"),
                integer(params.get("Page"), "Page"));
    }

    private static Integer integer(String value, String name) {
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
            throw PluginServiceException.invalid(name, name + " must be a non-negative integer");
        }
    }
}
