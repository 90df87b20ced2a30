package dev.flexplugins.rest;

import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.Input;

/**
 * How REST spells each input: Twilio's parameter names (PascalCase, as its clients send them and as
 * its error messages quote them), Flex's snake_case for {@code /v1/Configuration}, and the headers
 * and path segments that are ours.
 */
final class RestNames {
    private RestNames() {}

    /**
     * The parameter, header or path segment as a REST caller knows it; an input of another kind
     * (none exists) by its constant's name.
     */
    static String of(Input input) {
        if (input instanceof Field f) {
            return switch (f) {
                case PLUGIN -> "PluginSid";
                case PLUGIN_VERSION -> "VersionSid";
                case CONFIGURATION -> "ConfigurationSid";
                case RELEASE_CONFIGURATION -> "ConfigurationId";
                case RELEASE -> "ReleaseSid";
                case UNIQUE_NAME -> "UniqueName";
                case FRIENDLY_NAME -> "FriendlyName";
                case DESCRIPTION -> "Description";
                case VERSION -> "Version";
                case PLUGIN_URL -> "PluginUrl";
                case CHANGELOG -> "Changelog";
                case PRIVATE -> "Private";
                case CLI_VERSION -> "CliVersion";
                case VALIDATE_STATUS -> "ValidateStatus";
                case NAME -> "Name";
                case PLUGINS -> "Plugins";
                case SERVERLESS_SERVICE_SIDS -> "serverless_service_sids";
                case UI_VERSION -> "ui_version";
                case UI_DEPENDENCIES -> "ui_dependencies";
                case PLUGIN_SERVICE_ENABLED -> "plugin_service_enabled";
            };
        }
        if (input instanceof Parameter p) {
            return switch (p) {
                case PAGE -> "Page";
                case PAGE_SIZE -> "PageSize";
                case PAGE_TOKEN -> "PageToken";
                case AS_OF -> "AsOf";
                case AFTER -> "After";
                case BEFORE -> "Before";
                case EVENT_TYPE -> "Type";
                case RESOURCE_SID -> "ResourceSid";
                case EVENT_POSITION -> "Position";
                case REQUEST_ID -> "Idempotency-Key";
                case API_KEY -> "KeySid";
                case BODY -> "Body";
            };
        }
        return input == null ? "" : input.name();
    }
}
