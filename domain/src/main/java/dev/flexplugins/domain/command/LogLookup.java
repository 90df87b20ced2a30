package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationArchived;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Rules that span aggregates read the other aggregates' state by folding their (short) event
 * streams, without locking them.
 */
final class LogLookup {
    /** What a rule needs to know of another resource. */
    record State(String accountSid, boolean archived, String pluginSid) {
    }

    private final EventStore eventStore;

    LogLookup(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    Optional<State> state(String aggregateId) {
        State state = null;
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof PluginCreated c) {
                state = new State(c.accountSid(), false, c.pluginSid());
            } else if (payload instanceof PluginVersionCreated c) {
                state = new State(c.accountSid(), false, c.pluginSid());
            } else if (payload instanceof ConfigurationCreated c) {
                state = new State(c.accountSid(), false, null);
            } else if (state != null && (payload instanceof PluginArchived || payload instanceof PluginVersionArchived
                    || payload instanceof ConfigurationArchived)) {
                state = new State(state.accountSid(), true, state.pluginSid());
            }
        }
        return Optional.ofNullable(state);
    }

    /** The resource's state if it exists and belongs to {@code accountSid}. */
    Optional<State> owned(String aggregateId, String accountSid) {
        return state(aggregateId).filter(s -> s.accountSid().equals(accountSid));
    }
}
