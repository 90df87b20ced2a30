package dev.flexplugins.projections;

import dev.flexplugins.domain.api.AuditMetadata;
import dev.flexplugins.domain.api.EventTypes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Gives each event its position in the feed, in the order events become visible (commit order).
 * Runs in a tracking processor with one segment, so one node at a time writes positions, and the
 * position and the processor's token commit together. Events that commit late (their global index
 * is below ones already sequenced) simply get the next position: nothing is skipped or repeated for
 * a reader that resumes after a position.
 */
@ProcessingGroup(EventFeedSequencer.PROCESSOR)
public class EventFeedSequencer {
    public static final String PROCESSOR = "event-feed";

    private final Jdbc jdbc;
    private final FeedSignal signal;
    private final boolean postgres;

    /**
     * @param postgres whether the database is PostgreSQL: a batch's rows then go as one statement
     *     (arrays unnested) that also finds the last position, instead of a query and one insert
     *     per row
     */
    public EventFeedSequencer(ConnectionProvider connections, FeedSignal signal, boolean postgres) {
        this.jdbc = new Jdbc(connections);
        this.signal = signal;
        this.postgres = postgres;
    }

    /** Each event class's feed type, worked out once. */
    private static final ClassValue<String> TYPES =
            new ClassValue<>() {
                @Override
                protected String computeValue(Class<?> eventClass) {
                    return EventTypes.of(eventClass);
                }
            };

    /**
     * A feed row waiting for its position; {@code globalIndex} as the log's reader found it on the
     * event's row, or null (then looked up by the event's identifier).
     */
    private record Row(
            Long globalIndex,
            String eventIdentifier,
            String accountSid,
            String resourceSid,
            String eventType,
            Instant occurredAt) {}

    private static final String PENDING = EventFeedSequencer.class.getName() + ".pending";

    /**
     * Takes the message, not its payload: the feed row needs the payload's class, its metadata and
     * identifiers, so the payload itself is never deserialized here.
     *
     * <p>The rows of one batch of the processor are written together when its transaction is about
     * to commit (with the processor's token): on PostgreSQL as one statement that also reads the
     * last position; on H2 the last position read once and the rows sent as one JDBC batch.
     */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> message, @Timestamp Instant at) {
        Object account = message.getMetaData().get(AuditMetadata.ACCOUNT_SID);
        Row row =
                new Row(
                        message.getMetaData().get(Jdbc.GLOBAL_INDEX_HINT) instanceof Number index
                                ? index.longValue()
                                : null,
                        message.getIdentifier(),
                        account == null ? "" : account.toString(),
                        message.getAggregateIdentifier(),
                        TYPES.get(message.getPayloadType()),
                        at);
        if (!CurrentUnitOfWork.isStarted()) {
            write(List.of(row));
            signal.advanced();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<Row> pending =
                unitOfWork.getOrComputeResource(
                        PENDING,
                        key -> {
                            List<Row> rows = new ArrayList<>();
                            unitOfWork.onPrepareCommit(u -> write(rows));
                            unitOfWork.afterCommit(u -> signal.advanced());
                            return rows;
                        });
        pending.add(row);
    }

    /**
     * On PostgreSQL, one statement for the whole batch: the rows' columns as arrays, unnested in
     * order, each row's position the last one (read once, before the first row is inserted) plus
     * its ordinal, and a row's global index looked up by its event's identifier only where the
     * reader did not give it.
     */
    private static final String INSERT_UNNESTED =
            "INSERT INTO event_feed (position, global_index, account_sid, resource_sid, event_type, occurred_at)"
                    + " SELECT (SELECT COALESCE(MAX(position), 0) FROM event_feed) + u.n,"
                    + " COALESCE(u.g, (SELECT e.global_index FROM domain_event_entry e WHERE e.event_identifier = u.i)),"
                    + " u.a, u.r, u.t, u.o"
                    + " FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamp[])"
                    + " WITH ORDINALITY AS u(g, i, a, r, t, o, n)";

    /** Positions {@code rows} after the last position, in the order they were handled. */
    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres) {
            int n = rows.size();
            Long[] indexes = new Long[n];
            String[] identifiers = new String[n];
            String[] accounts = new String[n];
            String[] resources = new String[n];
            String[] types = new String[n];
            LocalDateTime[] times = new LocalDateTime[n];
            for (int i = 0; i < n; i++) {
                Row row = rows.get(i);
                indexes[i] = row.globalIndex();
                identifiers[i] = row.eventIdentifier();
                accounts[i] = row.accountSid();
                resources[i] = row.resourceSid();
                types[i] = row.eventType();
                times[i] = LocalDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC);
            }
            jdbc.updateWithArrays(
                    INSERT_UNNESTED,
                    n,
                    new Jdbc.SqlArray("bigint", indexes),
                    new Jdbc.SqlArray("varchar", identifiers),
                    new Jdbc.SqlArray("varchar", accounts),
                    new Jdbc.SqlArray("varchar", resources),
                    new Jdbc.SqlArray("varchar", types),
                    new Jdbc.SqlArray("timestamp", times));
            return;
        }
        long last =
                jdbc.queryOne(
                                "SELECT COALESCE(MAX(position), 0) FROM event_feed",
                                rs -> rs.getLong(1))
                        .orElse(0L);
        // every row's index known (as the feed's reader gives them): no lookup in the statement
        boolean known = rows.stream().allMatch(row -> row.globalIndex() != null);
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row row : rows) {
            args.add(
                    new Object[] {
                        ++last,
                        known ? row.globalIndex() : row.eventIdentifier(),
                        row.accountSid(),
                        row.resourceSid(),
                        row.eventType(),
                        row.occurredAt()
                    });
        }
        jdbc.batch(
                "INSERT INTO event_feed (position, global_index, account_sid, resource_sid, event_type, occurred_at)"
                        + (known
                                ? " VALUES (?, ?, ?, ?, ?, ?)"
                                : " VALUES (?, (SELECT global_index FROM domain_event_entry WHERE event_identifier = ?),"
                                        + " ?, ?, ?, ?)"),
                args);
    }
}
