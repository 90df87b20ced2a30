package dev.flexplugins.domain.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.flexplugins.domain.api.ActiveRelease;
import dev.flexplugins.domain.api.DecidedOn;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.ArchivePluginVersion;
import dev.flexplugins.domain.api.PluginCommands.CreatePluginVersion;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.domain.api.PluginRules;
import dev.flexplugins.domain.api.PluginServiceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One version of a plugin. It is created by {@link PluginVersionCreation}, which first checks the
 * plugin; its identifier is derived from (plugin, version), so the event store admits one.
 */
public class PluginVersionAggregate {

    @AggregateIdentifier private String versionSid;
    private String accountSid;
    private String pluginSid;
    private boolean archived;

    protected PluginVersionAggregate() {
        // for Axon's event sourcing
    }

    /**
     * @param decidedOn the plugin's head the command was checked against: the event is appended
     *     only while the plugin is still there
     */
    PluginVersionAggregate(CreatePluginVersion command, DecidedOn decidedOn) {
        apply(
                new PluginVersionCreated(
                        command.versionSid(),
                        command.accountSid(),
                        command.pluginSid(),
                        command.version(),
                        command.pluginUrl(),
                        command.changelog(),
                        command.requiresAuthorization(),
                        command.cliVersion(),
                        command.validateStatus(),
                        PluginRules.validated(command.validateStatus())),
                decidedOn.asMetaData());
    }

    /** As Twilio has it: a version live in Flex cannot be archived; nor an archived one again. */
    @CommandHandler
    public void handle(ArchivePluginVersion command, ActiveRelease activeRelease) {
        if (!accountSid.equals(command.accountSid())) {
            throw PluginServiceException.notFound(
                    Field.PLUGIN_VERSION,
                    "The requested Plugin Version " + versionSid + " was not found");
        }
        if (archived) {
            throw PluginServiceException.failedPrecondition(
                    Field.PLUGIN_VERSION,
                    "ALREADY_ARCHIVED",
                    "Plugin Version is already archived.");
        }
        if (activeRelease.carriesVersion(accountSid, versionSid)) {
            throw PluginServiceException.failedPrecondition(
                    Field.PLUGIN_VERSION,
                    "IN_ACTIVE_RELEASE",
                    "A plugin version can be archived only if it is not currently enabled within Flex");
        }
        apply(new PluginVersionArchived(versionSid, accountSid, pluginSid));
    }

    String accountSid() {
        return accountSid;
    }

    boolean archived() {
        return archived;
    }

    String pluginSid() {
        return pluginSid;
    }

    @EventSourcingHandler
    void on(PluginVersionCreated event) {
        versionSid = event.versionSid();
        accountSid = event.accountSid();
        pluginSid = event.pluginSid();
    }

    @EventSourcingHandler
    void on(PluginVersionArchived event) {
        archived = true;
    }
}
