package dev.flexplugins.app.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.projections.Jdbc;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The JDBC storage engine, with each appended domain event's chain hash added to its metadata
 * before it is written. The previous hash of a resource is read in the appending transaction.
 */
public final class ChainedEventStorageEngine implements EventStorageEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final ConnectionProvider connections;
    private final boolean sequencedIndexes;

    /**
     * @param sequencedIndexes the store draws global indexes from a sequence (PostgreSQL): the
     *     views may take the last appended event's index from it ({@link Jdbc#markLastAppended})
     */
    public ChainedEventStorageEngine(
            EventStorageEngine delegate,
            Serializer serializer,
            ConnectionProvider connections,
            boolean sequencedIndexes) {
        this.delegate = delegate;
        this.serializer = serializer;
        this.connections = connections;
        this.sequencedIndexes = sequencedIndexes;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, String> lastHash = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domain)) {
                chained.add(event);
                continue;
            }
            String previous =
                    domain.getSequenceNumber() == 0
                            ? EventChain.GENESIS
                            : lastHash.containsKey(domain.getAggregateIdentifier())
                                    ? lastHash.get(domain.getAggregateIdentifier())
                                    : storedHash(
                                            domain.getAggregateIdentifier(),
                                            domain.getSequenceNumber() - 1);
            // serialized once: the bytes hashed are the bytes the delegate stores
            SerializedObject<byte[]> payload = domain.serializePayload(serializer, byte[].class);
            SerializedType type = payload.getType();
            String hash =
                    EventChain.hash(
                            previous,
                            new EventChain.Stored(
                                    domain.getIdentifier(),
                                    domain.getAggregateIdentifier(),
                                    domain.getSequenceNumber(),
                                    type.getName(),
                                    type.getRevision(),
                                    domain.getTimestamp(),
                                    payload.getData(),
                                    domain.getMetaData()));
            lastHash.put(domain.getAggregateIdentifier(), hash);
            chained.add(
                    new Chained<>(
                            domain, Map.of(EventChain.METADATA_KEY, hash), payload, serializer));
        }
        delegate.appendEvents(chained);
        if (sequencedIndexes) {
            // the views' list keys of the last of these read the sequence's value
            Jdbc.markLastAppended(chained);
        }
    }

    /**
     * The event with its chain hash in its metadata, carrying the payload already serialized for
     * the hash, so the delegate does not serialize it again.
     */
    private static final class Chained<T> extends GenericDomainEventMessage<T> {
        private final SerializedObject<byte[]> payload;
        private final Serializer serializer;

        Chained(
                DomainEventMessage<T> event,
                Map<String, ?> metaData,
                SerializedObject<byte[]> payload,
                Serializer serializer) {
            super(
                    event.getType(),
                    event.getAggregateIdentifier(),
                    event.getSequenceNumber(),
                    new GenericMessage<>(
                            event.getIdentifier(),
                            event.getPayloadType(),
                            event.getPayload(),
                            event.getMetaData().mergedWith(metaData)),
                    event.getTimestamp());
            this.payload = payload;
            this.serializer = serializer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> SerializedObject<S> serializePayload(
                Serializer serializer, Class<S> expectedRepresentation) {
            if (serializer == this.serializer && expectedRepresentation == byte[].class) {
                return (SerializedObject<S>) payload;
            }
            return super.serializePayload(serializer, expectedRepresentation);
        }
    }

    private String storedHash(String aggregateId, long sequence) {
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT meta_data FROM domain_event_entry"
                                        + " WHERE aggregate_identifier = ? AND sequence_number = ?")) {
            ps.setString(1, aggregateId);
            ps.setLong(2, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return EventChain.GENESIS;
                }
                JsonNode hash = JSON.readTree(rs.getBytes(1)).get(EventChain.METADATA_KEY);
                return hash == null ? EventChain.GENESIS : hash.asText();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(
                    "cannot read the previous event's hash: " + e.getMessage(), e);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(
            TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    /**
     * No snapshots are read: no aggregate here is ever snapshotted (no snapshotter is configured;
     * their streams are a handful of events), so asking the snapshot table before every command was
     * a query that could only answer "none". Configure a snapshotter and this must read again.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
