package dev.flexplugins.projections;

import dev.flexplugins.domain.api.AuditMetadata;
import dev.flexplugins.domain.api.EventTypes;
import java.time.Instant;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

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

    public EventFeedSequencer(ConnectionProvider connections, FeedSignal signal) {
        this.jdbc = new Jdbc(connections);
        this.signal = signal;
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
     * Takes the message, not its payload: the feed row needs the payload's class, its metadata and
     * identifiers, so the payload itself is never deserialized here.
     */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> message, @Timestamp Instant at) {
        Object account = message.getMetaData().get(AuditMetadata.ACCOUNT_SID);
        jdbc.update(
                "INSERT INTO event_feed (position, global_index, account_sid, resource_sid, event_type, occurred_at)"
                        + " SELECT COALESCE(MAX(position), 0) + 1, (SELECT global_index FROM domain_event_entry"
                        + " WHERE event_identifier = ?), ?, ?, ?, ? FROM event_feed",
                message.getIdentifier(),
                account == null ? "" : account.toString(),
                message.getAggregateIdentifier(),
                TYPES.get(message.getPayloadType()),
                at);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> signal.advanced());
        }
    }
}
