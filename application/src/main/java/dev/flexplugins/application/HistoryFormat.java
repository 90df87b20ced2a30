package dev.flexplugins.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.flexplugins.application.Resources.AuditEvent;
import dev.flexplugins.domain.api.AuditMetadata;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit history format, the same in REST responses, the gRPC {@code data_json} and {@code
 * export}: position, sequence, type, occurred_at, account_sid, actor, channel, request_id,
 * flex_metadata, data (the event's fields in snake_case), resource_sid, chain_hash, url.
 */
public final class HistoryFormat {
    private static final ObjectMapper SNAKE =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private HistoryFormat() {}

    public static Map<String, Object> toMap(AuditEvent e, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", e.position());
        m.put("sequence", e.sequence());
        m.put("type", e.type());
        m.put("occurred_at", DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()));
        m.put("account_sid", meta(e, AuditMetadata.ACCOUNT_SID));
        m.put("actor", meta(e, AuditMetadata.ACTOR));
        m.put("channel", meta(e, AuditMetadata.CHANNEL));
        m.put("request_id", meta(e, AuditMetadata.REQUEST_ID));
        m.put("flex_metadata", meta(e, AuditMetadata.FLEX_METADATA));
        m.put("data", data(e));
        m.put("resource_sid", e.resourceSid());
        m.put("chain_hash", meta(e, "chainHash"));
        m.put("url", e.position() == null ? null : ResourceUrls.event(base, e.position()));
        return m;
    }

    /** The event's own fields, snake_case. */
    public static JsonNode data(AuditEvent e) {
        return SNAKE.valueToTree(e.payload());
    }

    public static String meta(AuditEvent e, String key) {
        Object value = e.metadata().get(key);
        return value == null ? null : value.toString();
    }
}
