package dev.flexplugins.domain.command;

import static dev.flexplugins.domain.command.PluginAggregateTest.ACCOUNT;
import static dev.flexplugins.domain.command.PluginAggregateTest.OTHER_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.Sids;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * What a cross-aggregate rule reads of a plugin: kept between commands, and never stale (a new
 * event of the plugin is always seen, whoever appended it).
 */
class ReadOnlyAggregatesTest {
    static final String PLUGIN = Sids.plugin(ACCOUNT, "kept");

    /**
     * An in-memory store that counts how often a stream is read to be folded. (Its last sequence
     * number is answered from the stream too, where the JDBC engine asks for a MAX: not counted.)
     */
    static final class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger streamReads = new AtomicInteger();
        private boolean askingLastSequence;

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            if (!askingLastSequence) {
                streamReads.incrementAndGet();
            }
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            askingLastSequence = true;
            try {
                return super.lastSequenceNumberFor(aggregateIdentifier);
            } finally {
                askingLastSequence = false;
            }
        }
    }

    private final CountingEngine engine = new CountingEngine();
    private final ReadOnlyAggregates lookup =
            new ReadOnlyAggregates(EmbeddedEventStore.builder().storageEngine(engine).build());

    private Optional<ReadOnlyAggregates.State> owned(String sid, String account) {
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> lookup.owned(sid, account))
                .getPayload();
    }

    private void append(long sequence, Object event) {
        engine.appendEvents(
                List.of(
                        new GenericDomainEventMessage<>(
                                "PluginAggregate", PLUGIN, sequence, event)));
    }

    @Test
    void aKeptPluginIsNotReadAgainUntilItHasANewEventThenTheNewStateIsSeen() {
        assertEquals(Optional.empty(), owned(PLUGIN, ACCOUNT), "no events: no plugin");

        append(0, new PluginCreated(PLUGIN, ACCOUNT, "kept", null, null));
        assertFalse(owned(PLUGIN, ACCOUNT).orElseThrow().archived());
        int reads = engine.streamReads.get();
        assertFalse(owned(PLUGIN, ACCOUNT).orElseThrow().archived());
        assertFalse(owned(PLUGIN, ACCOUNT).orElseThrow().archived());
        assertEquals(reads, engine.streamReads.get(), "unchanged plugin: its stream is not read");

        // appended behind the lookup's back, as another node would
        append(1, new PluginArchived(PLUGIN, ACCOUNT));
        assertTrue(owned(PLUGIN, ACCOUNT).orElseThrow().archived(), "the archive is seen at once");
        assertEquals(reads + 1, engine.streamReads.get());
        assertTrue(owned(PLUGIN, ACCOUNT).orElseThrow().archived());
        assertEquals(reads + 1, engine.streamReads.get());
    }

    @Test
    void aKeptPluginIsStillOnlyItsOwnersResource() {
        append(0, new PluginCreated(PLUGIN, ACCOUNT, "kept", null, null));
        assertTrue(owned(PLUGIN, ACCOUNT).isPresent());
        assertEquals(Optional.empty(), owned(PLUGIN, OTHER_ACCOUNT));
    }
}
