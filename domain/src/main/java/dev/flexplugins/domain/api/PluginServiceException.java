package dev.flexplugins.domain.api;

/**
 * A rule of the domain refused a request. Facades map the {@link Kind} to their own error shape
 * (HTTP status and Twilio code, or gRPC status), and report {@link #parameter()} as the field at
 * fault. Nothing has been written when this is thrown.
 */
public class PluginServiceException extends RuntimeException {

    public enum Kind {
        /** A parameter is missing or malformed. */
        INVALID_ARGUMENT,
        /** The resource does not exist for this account. */
        NOT_FOUND,
        /** A resource with the same natural key (unique name, version) exists. */
        ALREADY_EXISTS,
        /** The resource's state forbids the operation (e.g. the plugin is archived). */
        FAILED_PRECONDITION
    }

    private final Kind kind;
    private final String parameter;
    private final String reason;

    public PluginServiceException(Kind kind, String parameter, String message) {
        this(kind, parameter, kind.name(), message);
    }

    private PluginServiceException(Kind kind, String parameter, String reason, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.parameter = parameter;
        this.reason = reason;
    }

    public static PluginServiceException invalid(String parameter, String message) {
        return new PluginServiceException(Kind.INVALID_ARGUMENT, parameter, message);
    }

    public static PluginServiceException notFound(String parameter, String message) {
        return new PluginServiceException(Kind.NOT_FOUND, parameter, message);
    }

    public static PluginServiceException alreadyExists(String parameter, String message) {
        return new PluginServiceException(Kind.ALREADY_EXISTS, parameter, message);
    }

    /**
     * @param reason what blocks the operation, per resource ({@code PLUGIN_ARCHIVED},
     *               {@code PLUGIN_VERSION_ARCHIVED}, {@code CONFIGURATION_ARCHIVED}): gRPC's ErrorInfo reason
     */
    public static PluginServiceException failedPrecondition(String parameter, String reason, String message) {
        return new PluginServiceException(Kind.FAILED_PRECONDITION, parameter, reason, message);
    }

    public Kind kind() {
        return kind;
    }

    /** A machine-readable reason: the kind's name, or what blocks the operation for FAILED_PRECONDITION. */
    public String reason() {
        return reason;
    }

    /** The request parameter at fault, in the REST spelling (e.g. {@code PluginUrl}); may be null. */
    public String parameter() {
        return parameter;
    }
}
