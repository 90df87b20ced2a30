package dev.flexplugins.domain.api;

/**
 * A rule of the domain refused a request. Facades map the {@link Kind} to their own error shape
 * (HTTP status and Twilio code, or gRPC status), and report {@link #field()} in their own spelling,
 * in the message too: a message that names the input at fault is written by a {@link Message} given
 * that spelling ({@link #message(String)}). Nothing has been written when this is thrown.
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

    /** A message that names the input at fault in the caller's spelling. */
    @FunctionalInterface
    public interface Message {
        String spelled(String input);
    }

    private final Kind kind;
    private final Input field;
    private final Message message;
    private final String reason;
    private final String resource;

    public PluginServiceException(Kind kind, Input field, Message message) {
        this(kind, field, kind.name(), message);
    }

    private PluginServiceException(Kind kind, Input field, String reason, Message message) {
        this(kind, field, reason, message, null);
    }

    private PluginServiceException(
            Kind kind, Input field, String reason, Message message, String resource) {
        super(null, null, false, false);
        this.message = message;
        this.kind = kind;
        this.field = field;
        this.reason = reason;
        this.resource = resource;
    }

    public static PluginServiceException invalid(Input field, String message) {
        return invalid(field, input -> message);
    }

    public static PluginServiceException invalid(Input field, Message message) {
        return new PluginServiceException(Kind.INVALID_ARGUMENT, field, message);
    }

    public static PluginServiceException notFound(Input field, String message) {
        return new PluginServiceException(Kind.NOT_FOUND, field, input -> message);
    }

    /**
     * NOT_FOUND for the resource {@code resource} names; an empty name is a missing argument
     * instead ("Missing required parameter ...").
     */
    public static PluginServiceException notFound(Input field, String resource, String message) {
        if (resource == null || resource.isEmpty()) {
            return missing(field);
        }
        return new PluginServiceException(
                Kind.NOT_FOUND, field, Kind.NOT_FOUND.name(), input -> message, resource);
    }

    /** INVALID_ARGUMENT: the input is required (Twilio's "Missing required parameter ..."). */
    public static PluginServiceException missing(Input field) {
        return invalid(field, input -> "Missing required parameter " + input);
    }

    public static PluginServiceException alreadyExists(Input field, String message) {
        return alreadyExists(field, input -> message);
    }

    public static PluginServiceException alreadyExists(Input field, Message message) {
        return new PluginServiceException(Kind.ALREADY_EXISTS, field, message);
    }

    /**
     * @param reason what blocks the operation, per resource ({@code PLUGIN_ARCHIVED}, {@code
     *     PLUGIN_VERSION_ARCHIVED}, {@code CONFIGURATION_ARCHIVED}): gRPC's ErrorInfo reason
     */
    public static PluginServiceException failedPrecondition(
            Input field, String reason, String message) {
        return new PluginServiceException(
                Kind.FAILED_PRECONDITION, field, reason, input -> message);
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

    /** The input at fault; null when the request as a whole is. */
    public Input field() {
        return field;
    }

    /** The message as a caller reads it, the input at fault spelled {@code spelling}. */
    public String message(String spelling) {
        return message.spelled(spelling);
    }

    /**
     * The message naming the input by its constant, e.g. {@code UNIQUE_NAME}: for logs only. A
     * caller is answered {@link #message(String)} with its facade's spelling.
     */
    @Override
    public String getMessage() {
        return message.spelled(field == null ? "" : field.name());
    }
}
