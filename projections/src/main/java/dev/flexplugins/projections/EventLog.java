package dev.flexplugins.projections;

import dev.flexplugins.domain.api.EventTypes;
import dev.flexplugins.eventstore.EventStore;
import dev.flexplugins.eventstore.PositionedEvent;
import dev.flexplugins.eventstore.StoredEvent;
import dev.flexplugins.projections.model.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * The event log as the audit history, the feed and time travel read it: events from the {@link
 * EventStore} (in feed order, with their positions), deserialized and upcast to their current
 * shape. Answered from the log, not from views.
 */
public class EventLog {
    /** Which events of the feed to read. Null fields do not filter. */
    public record FeedQuery(
            String accountSid,
            String resourceSid,
            String type,
            Long after,
            Long before,
            int limit) {}

    private final EventStore store;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventLog(EventStore store, Serializer serializer, EventUpcaster upcasters) {
        this.store = store;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /**
     * A page of the feed in log order: positions after {@code after} ascending, or (with {@code
     * before}) the page that ends just before it.
     */
    public List<LoggedEvent> feed(FeedQuery q) {
        return upcast(
                store.readFeed(
                        new dev.flexplugins.eventstore.FeedQuery(
                                q.accountSid(),
                                q.resourceSid(),
                                q.type(),
                                q.after(),
                                q.before(),
                                q.limit())));
    }

    /** Every account's events after {@code after}, in feed order (for export). */
    public List<LoggedEvent> all(long after, int limit) {
        return upcast(store.readFeed(after, limit));
    }

    /** The account's event at {@code position}. */
    public Optional<LoggedEvent> at(String accountSid, long position) {
        return store.readAt(accountSid, position).map(e -> upcast(List.of(e)).get(0));
    }

    /** Every event of one resource in sequence order, with positions where they have them. */
    public List<LoggedEvent> resource(String resourceSid) {
        return upcast(store.readStream(resourceSid, null));
    }

    /** One resource's events recorded up to {@code asOf} (time travel). */
    public List<LoggedEvent> resource(String resourceSid, Instant asOf) {
        return upcast(store.readStream(resourceSid, asOf));
    }

    private List<LoggedEvent> upcast(List<PositionedEvent> read) {
        List<TrackedDomainEventData<byte[]>> rows = new ArrayList<>(read.size());
        for (PositionedEvent p : read) {
            StoredEvent e = p.event();
            rows.add(
                    new TrackedDomainEventData<>(
                            GapAwareTrackingToken.newInstance(e.globalIndex(), List.of()),
                            new GenericDomainEventEntry<>(
                                    e.streamType(),
                                    e.stream(),
                                    e.sequence(),
                                    e.eventId(),
                                    e.storedTimestamp(),
                                    e.payloadType(),
                                    e.payloadRevision(),
                                    e.payload(),
                                    e.metadata())));
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
                            read.get(i).position(),
                            read.get(i).event().globalIndex(),
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
