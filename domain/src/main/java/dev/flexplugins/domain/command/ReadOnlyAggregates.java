package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.ActiveRelease;
import dev.flexplugins.domain.api.Sids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * What a rule that spans aggregates knows of the other aggregates: each is loaded from its (short)
 * event stream with its own event-sourcing handlers, by repositories that take no lock and never
 * save, so a check on a plugin does not serialise the commands that read it.
 *
 * <p>What was read is kept with the sequence number of the last event it folded. A check first asks
 * the event store for the resource's last sequence number (one indexed read, in the command's
 * transaction); when it is the kept one, the kept state is that stream's state (events are never
 * changed), so nothing is read or deserialized again. It cannot be stale: any newer event, from
 * this node or another, changes the last sequence number and the stream is read again. (This holds
 * because no command appends to a resource it looks up here, so what is kept was read from
 * committed events only.)
 */
final class ReadOnlyAggregates {
    /** What a rule needs to know of another resource. */
    record State(String accountSid, boolean archived, String pluginSid) {}

    private record Known(State state, long sequence) {}

    /** Resources kept at most; past it the memory is emptied and refilled by use. */
    private static final int MAX_KNOWN = 50_000;

    private final EventStore eventStore;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private final Repository<PluginAggregate> plugins;
    private final Repository<PluginVersionAggregate> versions;
    private final Repository<ConfigurationAggregate> configurations;

    ReadOnlyAggregates(EventStore eventStore) {
        this.eventStore = eventStore;
        this.plugins = readOnly(PluginAggregate.class, eventStore);
        this.versions = readOnly(PluginVersionAggregate.class, eventStore);
        this.configurations = readOnly(ConfigurationAggregate.class, eventStore);
    }

    private static <T> Repository<T> readOnly(Class<T> type, EventStore eventStore) {
        return EventSourcingRepository.builder(type)
                .eventStore(eventStore)
                .lockFactory(NullLockFactory.INSTANCE)
                // these repositories never run a command handler; the parameters those declare
                // (ActiveRelease) are resolved to a stand-in so the aggregate's model can be built
                .parameterResolverFactory(
                        MultiParameterResolverFactory.ordered(
                                ClasspathParameterResolverFactory.forClass(type),
                                new SimpleResourceParameterResolverFactory(
                                        List.of(ActiveRelease.NONE))))
                .build();
    }

    /** The resource's state if it exists and belongs to {@code accountSid}. */
    Optional<State> owned(String sid, String accountSid) {
        return owned(sid, accountSid, eventStore.lastSequenceNumberFor(sid));
    }

    /**
     * The same, when the caller has already read the resource's last sequence number ({@code last},
     * empty when it has no event) in the command's transaction.
     */
    Optional<State> owned(String sid, String accountSid, Optional<Long> last) {
        Optional<State> state;
        if (Sids.isSid(Sids.PLUGIN, sid)) {
            state =
                    load(
                            plugins,
                            sid,
                            last,
                            p -> new State(p.accountSid(), p.archived(), p.pluginSid()));
        } else if (Sids.isSid(Sids.PLUGIN_VERSION, sid)) {
            state =
                    load(
                            versions,
                            sid,
                            last,
                            v -> new State(v.accountSid(), v.archived(), v.pluginSid()));
        } else if (Sids.isSid(Sids.CONFIGURATION, sid)) {
            state =
                    load(
                            configurations,
                            sid,
                            last,
                            c -> new State(c.accountSid(), c.archived(), null));
        } else {
            state = Optional.empty();
        }
        return state.filter(s -> accountSid.equals(s.accountSid()));
    }

    private <T> Optional<State> load(
            Repository<T> repository, String sid, Optional<Long> last, Function<T, State> read) {
        if (last.isEmpty()) {
            return Optional.empty(); // no event: no such resource
        }
        Known kept = known.get(sid);
        if (kept != null && kept.sequence() == last.get()) {
            return Optional.of(kept.state());
        }
        try {
            Aggregate<T> aggregate = repository.load(sid);
            State state = aggregate.invoke(read);
            Long version = aggregate.version();
            if (version != null) {
                if (known.size() >= MAX_KNOWN) {
                    known.clear();
                }
                known.put(sid, new Known(state, version));
            }
            return Optional.of(state);
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
