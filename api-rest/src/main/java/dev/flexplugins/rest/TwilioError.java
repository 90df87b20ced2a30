package dev.flexplugins.rest;

import dev.flexplugins.domain.api.PluginServiceException;

/**
 * The error codes of the REST facade (documented in the README). Every error body is {@code
 * {"code", "message", "more_info", "status"}} with {@code status} equal to the HTTP status.
 */
enum TwilioError {
    INVALID_PARAMETER(20001, 400),
    /** An archive Twilio refuses with 400: already archived, or live in the active release. */
    ARCHIVE_REFUSED(20400, 400),
    AUTHENTICATION_FAILED(20003, 401),
    NOT_FOUND(20404, 404),
    METHOD_NOT_ALLOWED(20405, 405),
    ALREADY_EXISTS(20409, 409),
    ARCHIVED(20412, 409),
    BODY_TOO_LARGE(20413, 413),
    URI_TOO_LONG(20414, 414),
    UNSUPPORTED_MEDIA_TYPE(20415, 415),
    TOO_MANY_REQUESTS(20429, 429),
    HEADERS_TOO_LARGE(20431, 431),
    INTERNAL(20500, 500),
    SERVICE_UNAVAILABLE(20503, 503);

    final int code;
    final int status;

    TwilioError(int code, int status) {
        this.code = code;
        this.status = status;
    }

    String moreInfo() {
        return "https://www.twilio.com/docs/errors/" + code;
    }

    /** The error for an HTTP status: its own when one has it, else 20001 (4xx) or 20500 (5xx). */
    static TwilioError of(int status) {
        for (TwilioError error : values()) {
            if (error.status == status && error != ARCHIVED && error != ARCHIVE_REFUSED) {
                return error;
            }
        }
        return status < 500 ? INVALID_PARAMETER : INTERNAL;
    }

    /**
     * The error for a domain refusal. Archive refusals are 400, as Twilio answers them and as the
     * Flex Plugins CLI expects (it reads a 400 from an archive as "already archived" or prints the
     * reason); other preconditions (an archived resource blocking a new one) are 409 20412.
     */
    static TwilioError of(PluginServiceException e) {
        if (e.kind() == PluginServiceException.Kind.FAILED_PRECONDITION
                && (e.reason().equals("ALREADY_ARCHIVED")
                        || e.reason().equals("IN_ACTIVE_RELEASE"))) {
            return ARCHIVE_REFUSED;
        }
        return of(e.kind());
    }

    static TwilioError of(PluginServiceException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> INVALID_PARAMETER;
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
            case FAILED_PRECONDITION -> ARCHIVED;
        };
    }
}
