package dev.flexplugins.app.log;

import dev.flexplugins.domain.api.DecidedOn;
import dev.flexplugins.domain.command.StreamHeads;
import dev.flexplugins.eventstore.AppendConflict;
import dev.flexplugins.eventstore.EventStore;
import dev.flexplugins.eventstore.Expectation;
import dev.flexplugins.eventstore.NewEvent;
import dev.flexplugins.eventstore.StoredEvent;
import dev.flexplugins.projections.ViewReceipt;
import dev.flexplugins.projections.ViewSql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Axon's view of our {@link EventStore}, through Axon's public extension point ({@link
 * EventStorageEngine}, implemented, not subclassed): Axon appends a command's events here when its
 * unit of work commits, and loads aggregates from here. Serializing with Axon's serializer and
 * upcasting are done here; the store keeps bytes.
 *
 * <p>After an append, the events and their stored global indexes are handed to {@link Appended}
 * (the live views), as values, in the same transaction.
 */
public final class AxonEventStorage implements EventStorageEngine {
    /**
     * Gaps below an event older than this are given up on (nothing below it is still in flight),
     */
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    /** and at most this many gaps are tracked (as Axon's JDBC engine does). */
    static final int MAX_GAP_OFFSET = 10_000;

    /** The log's first global index. */
    static final long LOWEST_GLOBAL_INDEX = 1;

    /** Past this many gaps in a token, a read first drops those that can no longer fill. */
    static final int GAP_CLEANING_THRESHOLD = 250;

    /**
     * Whoever must see every appended event with its global index, in the appending transaction.
     */
    @FunctionalInterface
    public interface Appended {
        void appended(List<DomainEventMessage<?>> events);
    }

    /** Told of a head a command was decided on ({@link DecidedOn}) that had moved on. */
    @FunctionalInterface
    public interface HeadMoved {
        void moved(String stream, long head);
    }

    /**
     * Metadata that travels with an event as a value for the append and the views, and is never
     * stored: what the command was decided on, and the command's receipt for its view rows.
     */
    private static final Set<String> NOT_STORED =
            Set.of(DecidedOn.METADATA_KEY, ViewReceipt.METADATA_KEY);

    private final EventStore store;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final int readBatch;
    private final Appended appended;
    private final HeadMoved headMoved;

    public AxonEventStorage(
            EventStore store,
            Serializer serializer,
            EventUpcaster upcasters,
            int readBatch,
            Appended appended,
            HeadMoved headMoved) {
        this.store = store;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.readBatch = readBatch;
        this.appended = appended;
        this.headMoved = headMoved;
    }

    public EventStore store() {
        return store;
    }

    // --- append --------------------------------------------------------------------------------

    /**
     * Stores the events (with the expectations their {@link DecidedOn} metadata states: the stream
     * decided on still at its head, and the stream a first event starts still empty), then hands
     * them with their global indexes to the views.
     */
    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventMessage<?>> domain = new ArrayList<>(events.size());
        List<NewEvent> appending = new ArrayList<>(events.size());
        List<Expectation> expected = new ArrayList<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> d)) {
                throw new IllegalArgumentException(
                        "only events of a resource's stream are stored: " + event.getPayloadType());
            }
            SerializedObject<byte[]> payload = d.serializePayload(serializer, byte[].class);
            domain.add(d);
            appending.add(
                    new NewEvent(
                            d.getIdentifier(),
                            d.getAggregateIdentifier(),
                            d.getSequenceNumber(),
                            d.getType(),
                            d.getTimestamp(),
                            payload.getType().getName(),
                            payload.getType().getRevision(),
                            payload.getData(),
                            d.getMetaData().withoutKeys(NOT_STORED)));
            if (d.getMetaData().get(DecidedOn.METADATA_KEY) instanceof DecidedOn decided) {
                expected.add(Expectation.at(decided.stream(), decided.head()));
                if (d.getSequenceNumber() == 0) {
                    expected.add(Expectation.noEvents(d.getAggregateIdentifier()));
                }
            }
        }
        List<StoredEvent> stored;
        try {
            stored = store.append(appending, expected);
        } catch (AppendConflict conflict) {
            throw axonsException(conflict);
        }
        List<DomainEventMessage<?>> indexed = new ArrayList<>(domain.size());
        for (int i = 0; i < domain.size(); i++) {
            indexed.add(withGlobalIndex(domain.get(i), stored.get(i).globalIndex()));
        }
        appended.appended(indexed);
    }

    /**
     * A taken sequence number as Axon reports it (the aggregate's creation refused, or a concurrent
     * modification); a head decided on that moved on as {@link StreamHeads.Changed}, after {@link
     * HeadMoved} is told (a remembered head is forgotten, so the command's retry reads it).
     */
    private RuntimeException axonsException(AppendConflict conflict) {
        if (conflict.kind() == AppendConflict.Kind.HEAD_MOVED) {
            headMoved.moved(conflict.stream(), conflict.sequence());
            return new StreamHeads.Changed(conflict.getMessage());
        }
        if (conflict.sequence() == 0) {
            return new AggregateStreamCreationException(conflict.getMessage(), conflict);
        }
        return new ConcurrencyException(conflict.getMessage(), conflict);
    }

    /** {@code event} carrying its global index, as every view and the feed take it. */
    static <T extends EventMessage<?>> T withGlobalIndex(T event, long globalIndex) {
        @SuppressWarnings("unchecked")
        T indexed = (T) event.andMetaData(Map.of(ViewSql.GLOBAL_INDEX_HINT, globalIndex));
        return indexed;
    }

    /** No aggregate here is ever snapshotted (no snapshotter is configured). */
    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("this event store keeps no snapshots");
    }

    /**
     * No snapshots are read: asking before every command was a query that could only answer "none".
     * Configure a snapshotter and this must read again.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    // --- streams -------------------------------------------------------------------------------

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        List<StoredEvent> events = store.readStream(aggregateIdentifier, firstSequenceNumber);
        return EventStreamUtils.upcastAndDeserializeDomainEvents(
                events.stream().map(StoredData::new), serializer, upcasters);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return Optional.ofNullable(
                store.heads(List.of(aggregateIdentifier)).get(aggregateIdentifier));
    }

    // --- the log -------------------------------------------------------------------------------

    /**
     * The events after {@code after} (null: from the start), at most {@link #readBatch} of them and
     * fewer when fewer have been committed, upcast, each with its global index in its metadata
     * ({@link ViewSql#GLOBAL_INDEX_HINT}). Events that committed late below {@code after}'s index
     * (its gaps) are included.
     */
    public List<TrackedEventMessage<?>> readLog(TrackingToken after) {
        return readLog(after, readBatch);
    }

    /** As {@link #readLog(TrackingToken)}, at most {@code limit} events. */
    public List<TrackedEventMessage<?>> readLog(TrackingToken after, int limit) {
        GapAwareTrackingToken token = (GapAwareTrackingToken) after;
        if (token != null && token.getGaps().size() > GAP_CLEANING_THRESHOLD) {
            token = withoutStaleGaps(token);
        }
        List<StoredEvent> rows =
                store.readLog(
                        token == null ? LOWEST_GLOBAL_INDEX - 1 : token.getIndex(),
                        token == null ? List.of() : token.getGaps(),
                        limit);
        List<TrackedDomainEventData<byte[]>> data = new ArrayList<>(rows.size());
        GapAwareTrackingToken last = token;
        for (StoredEvent row : rows) {
            last = tokenAfter(last, row.globalIndex(), row.timestamp());
            data.add(new TrackedDomainEventData<>(last, new StoredData(row)));
        }
        Map<String, Long> indexes = new HashMap<>();
        rows.forEach(row -> indexes.put(row.eventId(), row.globalIndex()));
        List<TrackedEventMessage<?>> events = new ArrayList<>(rows.size());
        try (Stream<? extends TrackedEventMessage<?>> upcast =
                EventUtils.upcastAndDeserializeTrackedEvents(
                        data.stream(), serializer, upcasters)) {
            upcast.forEach(
                    event ->
                            events.add(
                                    event instanceof GenericTrackedDomainEventMessage<?> d
                                            ? withGlobalIndex(d, indexes.get(d.getIdentifier()))
                                            : event));
        }
        return events;
    }

    /**
     * {@code token} without the gaps that can no longer fill: walking the events from its first gap
     * to its last, every gap below an event older than {@link #GAP_TIMEOUT_MILLIS} is dropped, up
     * to the first event that is recent or fills a gap (Axon's JDBC engine's cleaning, which kept
     * tokens small on a log with many rolled-back appends; without it a live reader carries up to
     * {@link #MAX_GAP_OFFSET} gaps, asked for again on every read).
     */
    private GapAwareTrackingToken withoutStaleGaps(GapAwareTrackingToken token) {
        SortedSet<Long> gaps = token.getGaps();
        Instant stale =
                GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS);
        GapAwareTrackingToken cleaned = token;
        for (EventStore.Recorded event : store.recorded(gaps.first(), gaps.last() + 1)) {
            if (gaps.contains(event.globalIndex()) || event.timestamp().isAfter(stale)) {
                break;
            }
            if (gaps.contains(event.globalIndex() - 1)) {
                cleaned = cleaned.withGapsTruncatedAt(event.globalIndex());
            }
        }
        return cleaned;
    }

    /**
     * The token after reading the event at {@code globalIndex}: the indexes skipped below it are
     * gaps that a late commit may still fill, unless the event is older than {@link
     * #GAP_TIMEOUT_MILLIS}, and at most {@link #MAX_GAP_OFFSET} of them are tracked (Axon's JDBC
     * engine's rule, which the tokens already stored follow).
     */
    static GapAwareTrackingToken tokenAfter(
            GapAwareTrackingToken previous, long globalIndex, Instant timestamp) {
        boolean gapsMayFill =
                timestamp.isAfter(
                        GenericEventMessage.clock
                                .instant()
                                .minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        if (previous != null) {
            return previous.advanceTo(globalIndex, gapsMayFill ? MAX_GAP_OFFSET : 0);
        }
        SortedSet<Long> gaps = new TreeSet<>();
        if (gapsMayFill) {
            for (long i = Math.min(LOWEST_GLOBAL_INDEX, globalIndex); i < globalIndex; i++) {
                gaps.add(i);
            }
        }
        return GapAwareTrackingToken.newInstance(globalIndex, gaps);
    }

    /** The whole log from {@code trackingToken} on, read page by page ({@link #readLog}). */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(
            TrackingToken trackingToken, boolean mayBlock) {
        Iterator<TrackedEventMessage<?>> pages =
                new Iterator<>() {
                    private TrackingToken token = trackingToken;
                    private Iterator<TrackedEventMessage<?>> page =
                            List.<TrackedEventMessage<?>>of().iterator();
                    private boolean more = true;

                    @Override
                    public boolean hasNext() {
                        while (!page.hasNext() && more) {
                            List<TrackedEventMessage<?>> next = readLog(token);
                            more = !next.isEmpty();
                            if (more) {
                                token = next.get(next.size() - 1).trackingToken();
                            }
                            page = next.iterator();
                        }
                        return page.hasNext();
                    }

                    @Override
                    public TrackedEventMessage<?> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return page.next();
                    }
                };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }

    /** From the start (null: Axon reads a null token as "before the first event"). */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long last = store.lastGlobalIndex();
        return last == 0 ? null : GapAwareTrackingToken.newInstance(last, new TreeSet<>());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        throw new UnsupportedOperationException(
                "tokens at an instant are not offered: the feed's positions are the way to resume");
    }

    /** A stored row as Axon's serialized event data; the timestamp already parsed. */
    private record StoredData(StoredEvent event) implements DomainEventData<byte[]> {
        @Override
        public String getType() {
            return event.streamType();
        }

        @Override
        public String getAggregateIdentifier() {
            return event.stream();
        }

        @Override
        public long getSequenceNumber() {
            return event.sequence();
        }

        @Override
        public String getEventIdentifier() {
            return event.eventId();
        }

        @Override
        public Instant getTimestamp() {
            return event.timestamp();
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SerializedMetaData<>(event.metadata(), byte[].class);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(
                    event.payload(), byte[].class, event.payloadType(), event.payloadRevision());
        }
    }
}
