package dev.flexplugins.projections;

import dev.flexplugins.domain.api.AuditMetadata;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * The {@code request_log} table: which resource each request with a client-chosen id changed, keyed
 * by account, channel and request id. Written in the command's transaction, it lets a retried gRPC
 * call with the same request_id find what the first call did.
 */
@ProcessingGroup(Views.PROCESSING_GROUP)
public class RequestLogProjection {
    /** What one request changed: the aggregate and the kind of event it recorded there. */
    public record Entry(String aggregateId, String eventType) {}

    private final Jdbc jdbc;
    private final String table;

    /** The live view. */
    public RequestLogProjection(ConnectionProvider connections) {
        this(connections, ViewTables.LIVE);
    }

    /** The live view, or its twin that {@code replay} builds. */
    public RequestLogProjection(ConnectionProvider connections, ViewTables tables) {
        this.jdbc = new Jdbc(connections, tables == ViewTables.REBUILD);
        this.table = tables.name("request_log");
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message, @Timestamp Instant at) {
        Object account = message.getMetaData().get(AuditMetadata.ACCOUNT_SID);
        Object channel = message.getMetaData().get(AuditMetadata.CHANNEL);
        Object requestId = message.getMetaData().get(AuditMetadata.REQUEST_ID);
        if (account == null
                || channel == null
                || requestId == null
                || message.getMetaData().get(AuditMetadata.CLIENT_REQUEST_ID) == null) {
            return;
        }
        jdbc.update(
                "INSERT INTO "
                        + table
                        + " (account_sid, channel, request_id, aggregate_identifier, event_type,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                account.toString(),
                channel.toString(),
                requestId.toString(),
                message.getAggregateIdentifier(),
                payload.getClass().getSimpleName(),
                at);
    }

    /** The first change the request made, if any. */
    public Optional<Entry> find(String accountSid, String channel, String requestId) {
        return jdbc.queryOne(
                "SELECT aggregate_identifier, event_type FROM "
                        + table
                        + " WHERE account_sid = ? AND channel = ? AND request_id = ? ORDER BY recorded_at",
                rs -> new Entry(rs.getString(1), rs.getString(2)),
                accountSid,
                channel,
                requestId);
    }
}
