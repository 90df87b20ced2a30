package dev.flexplugins.domain.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.flexplugins.domain.api.ConfigurationCommands.ArchiveConfiguration;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationArchived;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A configuration: a fixed set of plugin versions. Created by {@link ConfigurationCreation}. */
public class ConfigurationAggregate {

    @AggregateIdentifier private String configurationSid;
    private String accountSid;
    private boolean archived;

    protected ConfigurationAggregate() {
        // for Axon's event sourcing
    }

    ConfigurationAggregate(ConfigurationCreated created) {
        apply(created);
    }

    @CommandHandler
    public void handle(ArchiveConfiguration command) {
        if (!accountSid.equals(command.accountSid())) {
            throw PluginServiceException.notFound(
                    Field.CONFIGURATION,
                    "The requested Configuration " + configurationSid + " was not found");
        }
        if (archived) {
            throw PluginServiceException.failedPrecondition(
                    Field.CONFIGURATION, "ALREADY_ARCHIVED", "Configuration is already archived.");
        }
        apply(new ConfigurationArchived(configurationSid, accountSid));
    }

    String accountSid() {
        return accountSid;
    }

    boolean archived() {
        return archived;
    }

    @EventSourcingHandler
    void on(ConfigurationCreated event) {
        configurationSid = event.configurationSid();
        accountSid = event.accountSid();
    }

    @EventSourcingHandler
    void on(ConfigurationArchived event) {
        archived = true;
    }
}
