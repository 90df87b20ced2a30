package dev.flexplugins.domain.api;

import java.util.List;

/**
 * Metadata keys that every command carries and that Axon copies onto the events it causes, so the
 * log says who did what, when, and through which facade.
 */
public final class AuditMetadata {
    /** The account the request acted for. */
    public static final String ACCOUNT_SID = "accountSid";

    /** The credential used (the Basic-auth username). */
    public static final String ACTOR = "actor";

    /** {@code rest}, {@code grpc} or {@code system}. */
    public static final String CHANNEL = "channel";

    /** The request id the facade assigned (REST: the Twilio-Request-Id header it answers with). */
    public static final String REQUEST_ID = "requestId";

    /** The caller's free-text Flex-Metadata header, if any. */
    public static final String FLEX_METADATA = "flexMetadata";

    /** When the facade received the request (ISO-8601). */
    public static final String RECEIVED_AT = "receivedAt";

    /**
     * Present ("true") when the caller chose the request id to make retries safe (gRPC request_id).
     */
    public static final String CLIENT_REQUEST_ID = "clientRequestId";

    public static final List<String> KEYS =
            List.of(
                    ACCOUNT_SID,
                    ACTOR,
                    CHANNEL,
                    REQUEST_ID,
                    FLEX_METADATA,
                    RECEIVED_AT,
                    CLIENT_REQUEST_ID);

    private AuditMetadata() {}
}
