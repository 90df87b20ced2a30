package dev.flexplugins.domain.api;

/**
 * The request field a refusal is about, with its spelling on each wire: the REST parameter
 * (Twilio's PascalCase, also used in Twilio's error messages) and the gRPC request field
 * (snake_case, reported in {@code BadRequest.FieldViolation.field} and {@code
 * ErrorInfo.metadata["field"]}; empty for what only REST has).
 */
public enum Field {
    PLUGIN("PluginSid", "plugin"),
    PLUGIN_VERSION("VersionSid", "version"),
    CONFIGURATION("ConfigurationSid", "configuration"),
    /** The configuration a release is created from ({@code ConfigurationId} on REST). */
    RELEASE_CONFIGURATION("ConfigurationId", "configuration"),
    RELEASE("ReleaseSid", "release"),
    UNIQUE_NAME("UniqueName", "unique_name"),
    FRIENDLY_NAME("FriendlyName", "friendly_name"),
    DESCRIPTION("Description", "description"),
    VERSION("Version", "version"),
    PLUGIN_URL("PluginUrl", "plugin_url"),
    CHANGELOG("Changelog", "changelog"),
    PRIVATE("Private", "private"),
    CLI_VERSION("CliVersion", "cli_version"),
    VALIDATE_STATUS("ValidateStatus", "validate_status"),
    NAME("Name", "name"),
    PLUGINS("Plugins", "plugins"),
    /** REST only: Twilio's page number. */
    PAGE("Page", ""),
    PAGE_SIZE("PageSize", "page_size"),
    PAGE_TOKEN("PageToken", "page_token"),
    AS_OF("AsOf", "as_of"),
    AFTER("After", "after_position"),
    /** REST only. */
    BEFORE("Before", ""),
    EVENT_TYPE("Type", "type"),
    RESOURCE_SID("ResourceSid", "resource_sid"),
    /** REST only: the position in {@code /Events/{Position}}. */
    EVENT_POSITION("Position", ""),
    REQUEST_ID("Idempotency-Key", "request_id"),
    /** REST only: an API key of Twilio's 2010 API. */
    API_KEY("KeySid", ""),
    /** REST only: Flex's account Configuration (/v1/Configuration). */
    SERVERLESS_SERVICE_SIDS("serverless_service_sids", ""),
    UI_VERSION("ui_version", ""),
    UI_DEPENDENCIES("ui_dependencies", ""),
    PLUGIN_SERVICE_ENABLED("plugin_service_enabled", ""),
    /** The request body as a whole (e.g. not valid UTF-8). */
    BODY("Body", "");

    private final String rest;
    private final String grpc;

    Field(String rest, String grpc) {
        this.rest = rest;
        this.grpc = grpc;
    }

    /** The REST parameter or header name, as Twilio's clients send it. */
    public String rest() {
        return rest;
    }

    /** The gRPC request field, as the proto names it; empty when gRPC has no such field. */
    public String grpc() {
        return grpc;
    }
}
