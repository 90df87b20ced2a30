package dev.flexplugins.grpc;

import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.Input;
import java.util.Locale;

/**
 * How gRPC spells each input: the request message's field as the proto names it (snake_case),
 * reported in {@code BadRequest.FieldViolation.field}, {@code ErrorInfo.metadata["field"]} and in
 * the message. {@code GrpcErrorsTest} checks every spelling is a real field of a request message.
 */
final class GrpcNames {
    private GrpcNames() {}

    /** The proto field; "" for an input only REST has. */
    static String field(Input input) {
        if (input instanceof Field f) {
            return switch (f) {
                case PLUGIN -> "plugin";
                case PLUGIN_VERSION, VERSION -> "version";
                case CONFIGURATION, RELEASE_CONFIGURATION -> "configuration";
                case RELEASE -> "release";
                case UNIQUE_NAME -> "unique_name";
                case FRIENDLY_NAME -> "friendly_name";
                case DESCRIPTION -> "description";
                case PLUGIN_URL -> "plugin_url";
                case CHANGELOG -> "changelog";
                case PRIVATE -> "private";
                case CLI_VERSION -> "cli_version";
                case VALIDATE_STATUS -> "validate_status";
                case NAME -> "name";
                case PLUGINS -> "plugins";
                case SERVERLESS_SERVICE_SIDS, UI_VERSION, UI_DEPENDENCIES, PLUGIN_SERVICE_ENABLED ->
                        "";
            };
        }
        if (input instanceof Parameter p) {
            return switch (p) {
                case PAGE_SIZE -> "page_size";
                case PAGE_TOKEN -> "page_token";
                case AS_OF -> "as_of";
                case AFTER -> "after_position";
                case EVENT_TYPE -> "type";
                case RESOURCE_SID -> "resource_sid";
                case REQUEST_ID -> "request_id";
                case PAGE, BEFORE, EVENT_POSITION, API_KEY, BODY -> "";
            };
        }
        return "";
    }

    /** The input as a message names it: its proto field, else its name in snake_case. */
    static String inMessage(Input input) {
        String field = field(input);
        return !field.isEmpty() || input == null ? field : input.name().toLowerCase(Locale.ROOT);
    }
}
