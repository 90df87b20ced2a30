package dev.flexplugins.projections;

import dev.flexplugins.domain.api.EventTypes;
import dev.flexplugins.projections.model.LoggedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Reads the event log itself (domain_event_entry, in feed order through event_feed), deserialized
 * and upcast: the audit history, the feed and time travel are answered from here, not from views.
 */
public class EventLog {
    private static final String EVENT_COLUMNS =
            "e.global_index, e.type, e.aggregate_identifier, e.sequence_number,"
                    + " e.event_identifier, e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data";

    /** Which events of the feed to read. Null fields do not filter. */
    public record FeedQuery(
            String accountSid,
            String resourceSid,
            String type,
            Long after,
            Long before,
            int limit) {}

    private final ConnectionProvider connections;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventLog(
            ConnectionProvider connections, Serializer serializer, EventUpcaster upcasters) {
        this.connections = connections;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /**
     * A page of the feed in log order: positions after {@code after} ascending, or (with {@code
     * before}) the page that ends just before it.
     */
    public List<LoggedEvent> feed(FeedQuery q) {
        // One resource: by its own index, the owner checked on the rows (a generic plan could
        // otherwise
        // walk the account's index). The whole feed: by the account's index.
        StringBuilder sql =
                new StringBuilder(
                        "SELECT f.position, "
                                + EVENT_COLUMNS
                                + " FROM event_feed f JOIN domain_event_entry e ON e.global_index = f.global_index WHERE ");
        List<Object> args = new ArrayList<>();
        if (q.resourceSid() != null) {
            sql.append("f.resource_sid = ?");
            args.add(q.resourceSid());
        } else {
            sql.append("f.account_sid = ?");
            args.add(q.accountSid());
        }
        if (q.type() != null) {
            sql.append(" AND f.event_type = ?");
            args.add(q.type());
        }
        boolean backwards = q.before() != null;
        if (backwards) {
            sql.append(" AND f.position < ?");
            args.add(q.before());
        } else if (q.after() != null) {
            sql.append(" AND f.position > ?");
            args.add(q.after());
        }
        sql.append(" ORDER BY f.position ")
                .append(backwards ? "DESC" : "ASC")
                .append(" LIMIT ")
                .append(q.limit());
        List<LoggedEvent> events = read(sql.toString(), args, true);
        if (q.resourceSid() != null
                && events.stream().anyMatch(e -> !q.accountSid().equals(account(e)))) {
            return new ArrayList<>();
        }
        if (backwards) {
            Collections.reverse(events);
        }
        return events;
    }

    /** Every account's events after {@code after}, in feed order (for export). */
    public List<LoggedEvent> all(long after, int limit) {
        return read(
                "SELECT f.position, "
                        + EVENT_COLUMNS
                        + " FROM event_feed f"
                        + " JOIN domain_event_entry e ON e.global_index = f.global_index"
                        + " WHERE f.position > ? ORDER BY f.position LIMIT "
                        + limit,
                List.of(after),
                true);
    }

    /** The account's event at {@code position}. */
    public Optional<LoggedEvent> at(String accountSid, long position) {
        List<LoggedEvent> events =
                read(
                        "SELECT f.position, "
                                + EVENT_COLUMNS
                                + " FROM event_feed f"
                                + " JOIN domain_event_entry e ON e.global_index = f.global_index"
                                + " WHERE f.position = ?",
                        List.of(position),
                        true);
        return events.stream().filter(e -> accountSid.equals(account(e))).findFirst();
    }

    /**
     * Every event of one resource in sequence order, straight from the event store (positions
     * joined).
     */
    public List<LoggedEvent> resource(String resourceSid) {
        return read(
                "SELECT f.position, "
                        + EVENT_COLUMNS
                        + " FROM domain_event_entry e"
                        + " LEFT JOIN event_feed f ON f.global_index = e.global_index"
                        + " WHERE e.aggregate_identifier = ? ORDER BY e.sequence_number",
                List.of(resourceSid),
                true);
    }

    /** One resource's events recorded up to {@code asOf} (time travel). */
    public List<LoggedEvent> resource(String resourceSid, Instant asOf) {
        return resource(resourceSid).stream().filter(e -> !e.occurredAt().isAfter(asOf)).toList();
    }

    private static String account(LoggedEvent e) {
        Object account = e.metadata().get(dev.flexplugins.domain.api.AuditMetadata.ACCOUNT_SID);
        return account == null ? "" : account.toString();
    }

    private List<LoggedEvent> read(String sql, List<Object> args, boolean withPosition) {
        List<Long> positions = new ArrayList<>();
        List<TrackedDomainEventData<byte[]>> rows = new ArrayList<>();
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    positions.add(rs.wasNull() || !withPosition ? null : position);
                    GenericDomainEventEntry<byte[]> entry =
                            new GenericDomainEventEntry<>(
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getLong(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getString(9),
                                    rs.getBytes(10),
                                    rs.getBytes(11));
                    rows.add(
                            new TrackedDomainEventData<>(
                                    GapAwareTrackingToken.newInstance(rs.getLong(2), List.of()),
                                    entry));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event log: " + e.getMessage(), e);
        }
        List<TrackedEventMessage<?>> messages =
                EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)
                        .toList();
        List<LoggedEvent> events = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            TrackedEventMessage<?> m = messages.get(i);
            DomainEventMessage<?> d = (DomainEventMessage<?>) m;
            Map<String, Object> metadata = new LinkedHashMap<>(m.getMetaData());
            events.add(
                    new LoggedEvent(
                            positions.get(i),
                            rows.get(i).trackingToken().position().orElseThrow(),
                            d.getSequenceNumber(),
                            d.getAggregateIdentifier(),
                            EventTypes.of(m.getPayloadType()),
                            m.getTimestamp(),
                            metadata,
                            m.getPayload()));
        }
        return events;
    }
}
