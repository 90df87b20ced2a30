package dev.flexplugins.projections;

import dev.flexplugins.domain.api.AuditMetadata;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * The {@code request_log} table: which resource each request with a client-chosen id changed, keyed
 * by account, channel and request id. Written in the command's transaction, it lets a retried gRPC
 * call with the same request_id find what the first call did.
 */
public class RequestLogProjection {
    /** What one request changed: the aggregate and the kind of event it recorded there. */
    public record Entry(String aggregateId, String eventType) {}

    private final ViewSql jdbc;
    private final String table;

    /** The live view. */
    public RequestLogProjection(ConnectionProvider connections) {
        this(connections, ViewTables.LIVE);
    }

    /** The live view, or its twin that {@code replay} builds. */
    public RequestLogProjection(ConnectionProvider connections, ViewTables tables) {
        this.jdbc = new ViewSql(connections, tables == ViewTables.REBUILD);
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
        // A row this request already has for this resource is kept (the first change is what a
        // retry answers with). It can only be there without its event when the embedded database
        // recovered part of a transaction that a kill -9 interrupted (H2 2.3 has kept such a row
        // while dropping the event); the request's retry then creates the resource and goes on,
        // where a duplicate key would have answered 500.
        jdbc.update(
                "INSERT INTO "
                        + table
                        + " (account_sid, channel, request_id, aggregate_identifier, event_type,"
                        + " recorded_at) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
                        + table
                        + " WHERE account_sid = ? AND channel = ? AND request_id = ?"
                        + " AND aggregate_identifier = ?)",
                account.toString(),
                channel.toString(),
                requestId.toString(),
                message.getAggregateIdentifier(),
                payload.getClass().getSimpleName(),
                at,
                account.toString(),
                channel.toString(),
                requestId.toString(),
                message.getAggregateIdentifier());
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

    /** Sends the rows still batched (the replay's twins), before its transaction commits. */
    public void flush() {
        jdbc.flush();
    }
}
