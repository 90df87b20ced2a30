package dev.flexplugins.domain.api;

/**
 * A field of the domain's resources or commands that a rule can refuse. How a caller spells it is
 * the facades' business (REST: {@code RestNames}, gRPC: {@code GrpcNames}).
 */
public enum Field implements Input {
    PLUGIN,
    PLUGIN_VERSION,
    CONFIGURATION,
    /** The configuration a release is created from. */
    RELEASE_CONFIGURATION,
    RELEASE,
    UNIQUE_NAME,
    FRIENDLY_NAME,
    DESCRIPTION,
    VERSION,
    PLUGIN_URL,
    CHANGELOG,
    PRIVATE,
    CLI_VERSION,
    VALIDATE_STATUS,
    NAME,
    PLUGINS,
    /** Flex's account configuration. */
    SERVERLESS_SERVICE_SIDS,
    UI_VERSION,
    UI_DEPENDENCIES,
    PLUGIN_SERVICE_ENABLED
}
