package dev.flexplugins.domain.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.flexplugins.domain.api.ConfigurationEvents.ReleaseCreated;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A release: the moment a configuration became active. Created by {@link ConfigurationCreation}.
 */
public class ReleaseAggregate {

    @AggregateIdentifier private String releaseSid;

    protected ReleaseAggregate() {
        // for Axon's event sourcing
    }

    ReleaseAggregate(ReleaseCreated created) {
        apply(created);
    }

    @EventSourcingHandler
    void on(ReleaseCreated event) {
        releaseSid = event.releaseSid();
    }
}
