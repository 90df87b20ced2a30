package dev.flexplugins.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Refusals and failures as Twilio's clients read them: status, code, message, more_info. */
class RestErrorsTest {
    private final RestErrors errors = new RestErrors(new Json());

    private static JsonNode body(HttpResponse<byte[]> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void eachDomainRefusalHasItsTwilioStatusAndCode() throws Exception {
        record Case(PluginServiceException refusal, int status, int code) {}
        for (Case c :
                new Case[] {
                    new Case(
                            PluginServiceException.invalid(
                                    Field.PLUGIN_URL, "PluginUrl must be https"),
                            400,
                            20001),
                    new Case(PluginServiceException.notFound(Field.PLUGIN, "gone"), 404, 20404),
                    new Case(
                            PluginServiceException.alreadyExists(Field.UNIQUE_NAME, "taken"),
                            409,
                            20409),
                    new Case(
                            PluginServiceException.failedPrecondition(
                                    Field.PLUGIN, "PLUGIN_ARCHIVED", "archived"),
                            409,
                            20412)
                }) {
            HttpResponse<byte[]> response = errors.refused(c.refusal());
            JsonNode body = body(response);
            assertEquals(c.status(), response.code());
            assertEquals(c.status(), body.get("status").asInt());
            assertEquals(c.code(), body.get("code").asInt());
            assertEquals(c.refusal().getMessage(), body.get("message").asText());
            assertEquals(
                    "https://www.twilio.com/docs/errors/" + c.code(),
                    body.get("more_info").asText());
        }
    }

    @Test
    void aMessageNamesTheFieldAsTwilioSpellsIt() throws Exception {
        JsonNode tooLong =
                body(
                        errors.refused(
                                PluginServiceException.invalid(
                                        Field.UNIQUE_NAME,
                                        input -> input + " must be at most 128 characters")));
        assertEquals("UniqueName must be at most 128 characters", tooLong.get("message").asText());
        JsonNode missing = body(errors.refused(PluginServiceException.missing(Field.PLUGIN_URL)));
        assertEquals("Missing required parameter PluginUrl", missing.get("message").asText());
    }

    @Test
    void aBugIs500WithARequestIdAndNoInternalDetail() throws Exception {
        MutableHttpRequest<Object> request = HttpRequest.GET("/v1/PluginService/Plugins");
        request.setAttribute(RestRequest.REQUEST_ID, "RQ" + "0".repeat(32));
        HttpResponse<byte[]> response =
                errors.unexpected(request, new NullPointerException("secret detail"));
        JsonNode body = body(response);
        assertEquals(500, response.code());
        assertEquals(20500, body.get("code").asInt());
        assertFalse(body.get("message").asText().contains("secret"), body.toString());
    }

    @Test
    void anOutageIs503WithRetryAfter() throws Exception {
        MutableHttpRequest<Object> request = HttpRequest.POST("/v1/PluginService/Plugins", "");
        HttpResponse<byte[]> response =
                errors.unexpected(
                        request,
                        new IllegalStateException(
                                "cannot start",
                                new SQLTransientConnectionException(
                                        "HikariPool-1 - Connection is not available")));
        assertEquals(503, response.code());
        assertEquals(20503, body(response).get("code").asInt());
        assertEquals("1", response.getHeaders().get("Retry-After"));
    }
}
