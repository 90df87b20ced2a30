package dev.flexplugins.domain.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.flexplugins.domain.api.ActiveRelease;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.ArchivePlugin;
import dev.flexplugins.domain.api.PluginCommands.CreatePlugin;
import dev.flexplugins.domain.api.PluginCommands.UpdatePlugin;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.domain.api.PluginRules;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A Flex plugin: its names, and whether it is archived. Versions are aggregates of their own. */
public class PluginAggregate {

    @AggregateIdentifier private String pluginSid;
    private String accountSid;
    private String friendlyName;
    private String description;
    private boolean archived;

    protected PluginAggregate() {
        // for Axon's event sourcing
    }

    /** A new plugin; the command arrives through {@link PluginCreation}. */
    PluginAggregate(CreatePlugin command) {
        check(command);
        apply(
                new PluginCreated(
                        command.pluginSid(),
                        command.accountSid(),
                        command.uniqueName(),
                        command.friendlyName(),
                        command.description()));
    }

    /** The rules a new plugin's fields follow. */
    static void check(CreatePlugin command) {
        PluginRules.uniqueName(command.uniqueName());
        PluginRules.friendlyName(command.friendlyName());
        PluginRules.description(command.description());
        if (!command.pluginSid().equals(Sids.plugin(command.accountSid(), command.uniqueName()))) {
            throw new IllegalArgumentException(
                    "pluginSid must be derived from the account and unique name");
        }
    }

    @CommandHandler
    public void handle(UpdatePlugin command) {
        requireOwner(command.accountSid());
        PluginRules.friendlyName(command.friendlyName());
        PluginRules.description(command.description());
        String newFriendlyName =
                command.friendlyName() != null ? command.friendlyName() : friendlyName;
        String newDescription = command.description() != null ? command.description() : description;
        if (Objects.equals(newFriendlyName, friendlyName)
                && Objects.equals(newDescription, description)) {
            return;
        }
        apply(new PluginUpdated(pluginSid, accountSid, newFriendlyName, newDescription));
    }

    /**
     * As Twilio has it: a plugin live in Flex (part of the active release) cannot be archived, and
     * archiving an archived plugin is refused. {@code activeRelease} is resolved by Axon from the
     * configuration's components.
     */
    @CommandHandler
    public void handle(ArchivePlugin command, ActiveRelease activeRelease) {
        requireOwner(command.accountSid());
        if (archived) {
            throw PluginServiceException.failedPrecondition(
                    Field.PLUGIN, "ALREADY_ARCHIVED", "Plugin is already archived.");
        }
        if (activeRelease.carriesPlugin(accountSid, pluginSid)) {
            throw PluginServiceException.failedPrecondition(
                    Field.PLUGIN,
                    "IN_ACTIVE_RELEASE",
                    "A plugin can be archived only if it is not currently enabled within Flex");
        }
        apply(new PluginArchived(pluginSid, accountSid));
    }

    private void requireOwner(String callerAccountSid) {
        if (!accountSid.equals(callerAccountSid)) {
            throw PluginServiceException.notFound(
                    Field.PLUGIN, "The requested Plugin " + pluginSid + " was not found");
        }
    }

    String pluginSid() {
        return pluginSid;
    }

    String accountSid() {
        return accountSid;
    }

    boolean archived() {
        return archived;
    }

    @EventSourcingHandler
    void on(PluginCreated event) {
        pluginSid = event.pluginSid();
        accountSid = event.accountSid();
        friendlyName = event.friendlyName();
        description = event.description();
    }

    @EventSourcingHandler
    void on(PluginUpdated event) {
        friendlyName = event.friendlyName();
        description = event.description();
    }

    @EventSourcingHandler
    void on(PluginArchived event) {
        archived = true;
    }
}
