package dev.flexplugins.domain.api;

/**
 * A rule of the domain refused a request. Facades map the {@link Kind} to their own error shape
 * (HTTP status and Twilio code, or gRPC status), and report {@link #field()} in their own spelling.
 * Nothing has been written when this is thrown.
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
    private final Field field;
    private final String reason;
    private final String resource;

    public PluginServiceException(Kind kind, Field field, String message) {
        this(kind, field, kind.name(), message);
    }

    private PluginServiceException(Kind kind, Field field, String reason, String message) {
        this(kind, field, reason, message, null);
    }

    private PluginServiceException(
            Kind kind, Field field, String reason, String message, String resource) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
        this.resource = resource;
    }

    public static PluginServiceException invalid(Field field, String message) {
        return new PluginServiceException(Kind.INVALID_ARGUMENT, field, message);
    }

    public static PluginServiceException notFound(Field field, String message) {
        return new PluginServiceException(Kind.NOT_FOUND, field, message);
    }

    /**
     * NOT_FOUND for the resource {@code resource} names; an empty name is a missing argument
     * instead ("Missing required parameter ...").
     */
    public static PluginServiceException notFound(Field field, String resource, String message) {
        if (resource == null || resource.isEmpty()) {
            return invalid(field, "Missing required parameter " + field.rest());
        }
        return new PluginServiceException(
                Kind.NOT_FOUND, field, Kind.NOT_FOUND.name(), message, resource);
    }

    public static PluginServiceException alreadyExists(Field field, String message) {
        return new PluginServiceException(Kind.ALREADY_EXISTS, field, message);
    }

    /**
     * @param reason what blocks the operation, per resource ({@code PLUGIN_ARCHIVED}, {@code
     *     PLUGIN_VERSION_ARCHIVED}, {@code CONFIGURATION_ARCHIVED}): gRPC's ErrorInfo reason
     */
    public static PluginServiceException failedPrecondition(
            Field field, String reason, String message) {
        return new PluginServiceException(Kind.FAILED_PRECONDITION, field, reason, message);
    }

    /** The identifier of the resource that was not found, as the caller gave it; may be null. */
    public String resource() {
        return resource;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * A machine-readable reason: the kind's name, or what blocks the operation for
     * FAILED_PRECONDITION.
     */
    public String reason() {
        return reason;
    }

    /** The request field at fault; null when the request as a whole is. */
    public Field field() {
        return field;
    }
}
