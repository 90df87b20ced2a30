package dev.flexplugins.application;

import dev.flexplugins.domain.api.AuditMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Who is calling, through which facade, for which request. Every command carries it as metadata,
 * and Axon copies it onto the events, for the audit log.
 *
 * @param accountSid the authenticated account; it owns what is created and scopes every read
 * @param actor the credential used (Basic-auth username)
 * @param channel {@code rest}, {@code grpc} or {@code system}
 * @param requestId the facade's id for this request
 * @param flexMetadata the caller's Flex-Metadata header, or null
 * @param receivedAt when the facade received the request
 * @param clientRequestId true when the caller chose {@code requestId} to make retries safe: a
 *     mutating call whose request id already produced a change returns that change's resource
 *     instead of acting again
 */
public record CallContext(
        String accountSid,
        String actor,
        String channel,
        String requestId,
        String flexMetadata,
        Instant receivedAt,
        boolean clientRequestId) {
    /** Flex-Metadata is free text; longer values are cut to this many characters. */
    public static final int FLEX_METADATA_MAX = 1024;

    public CallContext {
        if (flexMetadata != null && flexMetadata.length() > FLEX_METADATA_MAX) {
            flexMetadata = flexMetadata.substring(0, FLEX_METADATA_MAX);
        }
    }

    Map<String, Object> metadata() {
        Map<String, Object> map = new HashMap<>();
        map.put(AuditMetadata.ACCOUNT_SID, accountSid);
        map.put(AuditMetadata.ACTOR, actor);
        map.put(AuditMetadata.CHANNEL, channel);
        map.put(AuditMetadata.REQUEST_ID, requestId);
        map.put(AuditMetadata.RECEIVED_AT, receivedAt.toString());
        if (flexMetadata != null) {
            map.put(AuditMetadata.FLEX_METADATA, flexMetadata);
        }
        if (clientRequestId) {
            map.put(AuditMetadata.CLIENT_REQUEST_ID, "true");
        }
        return map;
    }
}
