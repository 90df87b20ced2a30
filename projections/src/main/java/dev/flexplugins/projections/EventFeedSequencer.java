package dev.flexplugins.projections;

import dev.flexplugins.domain.api.AuditMetadata;
import dev.flexplugins.domain.api.EventTypes;
import dev.flexplugins.eventstore.EventStore;
import dev.flexplugins.eventstore.FeedEntry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
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

    private final EventStore store;
    private final FeedSignal signal;

    /**
     * @param store the event store, which writes the positions (on PostgreSQL one statement per
     *     page, on H2 a read of the last position and one batch)
     */
    public EventFeedSequencer(EventStore store, FeedSignal signal) {
        this.store = store;
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
     * Positions the page's events after the last position, in the page's order, in the processor's
     * transaction (with its token), through {@link EventStore#position}. Readers that follow the
     * feed live are woken once that transaction has committed.
     *
     * <p>Reads each event's payload class, metadata and identifiers, never its payload, which is
     * therefore never deserialized here.
     */
    @EventHandler
    void on(FeedPage page, UnitOfWork<?> unitOfWork) {
        List<FeedEntry> rows = new ArrayList<>(page.events().size());
        for (DomainEventMessage<?> message : page.events()) {
            Object account = message.getMetaData().get(AuditMetadata.ACCOUNT_SID);
            rows.add(
                    new FeedEntry(
                            ViewSql.globalIndex(message),
                            account == null ? "" : account.toString(),
                            message.getAggregateIdentifier(),
                            TYPES.get(message.getPayloadType()),
                            message.getTimestamp()));
        }
        store.position(rows);
        if (unitOfWork == null) { // called directly, outside a processor
            signal.advanced();
        } else {
            unitOfWork.afterCommit(u -> signal.advanced());
        }
    }
}
