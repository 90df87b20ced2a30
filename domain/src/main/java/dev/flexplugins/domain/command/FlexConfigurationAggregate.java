package dev.flexplugins.domain.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.flexplugins.domain.api.FlexConfiguration;
import dev.flexplugins.domain.api.FlexConfiguration.FlexConfigurationUpdated;
import dev.flexplugins.domain.api.FlexConfiguration.UpdateFlexConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** An account's Flex Configuration: created by its first change, identified by the account SID. */
public class FlexConfigurationAggregate {
    @AggregateIdentifier private String accountSid;
    private FlexConfigurationUpdated state;

    public FlexConfigurationAggregate() {
        // for Axon (event sourcing, and creation by the first change)
    }

    /** Records the change, whole; a change that changes nothing records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateFlexConfiguration change) {
        FlexConfiguration.check(change);
        FlexConfigurationUpdated current =
                state != null ? state : FlexConfiguration.defaults(change.accountSid());
        FlexConfigurationUpdated next = FlexConfiguration.apply(current, change);
        if (state == null || !next.equals(state)) {
            apply(next);
        }
    }

    @EventSourcingHandler
    void on(FlexConfigurationUpdated event) {
        accountSid = event.accountSid();
        state = event;
    }
}
