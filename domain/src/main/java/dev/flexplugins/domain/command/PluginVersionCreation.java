package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.CreatePluginVersion;
import dev.flexplugins.domain.api.PluginRules;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;

/**
 * Creates plugin versions. The rule "no new version on an archived plugin" spans two aggregates:
 * the plugin is loaded with its own event-sourcing handlers, without locking it, so versions of one
 * plugin are created in parallel. The version's uniqueness is the event store's job (see {@link
 * Sids#pluginVersion}).
 */
public class PluginVersionCreation {

    private final Repository<PluginVersionAggregate> versions;
    private final OtherAggregates lookup;

    public PluginVersionCreation(
            Repository<PluginVersionAggregate> versions, EventStore eventStore) {
        this.versions = versions;
        this.lookup = new OtherAggregates(eventStore);
    }

    @CommandHandler
    public String handle(CreatePluginVersion command) throws Exception {
        PluginRules.version(command.version());
        PluginRules.pluginUrl(command.pluginUrl());
        PluginRules.changelog(command.changelog());
        PluginRules.cliVersion(command.cliVersion());
        PluginRules.validateStatus(command.validateStatus());
        if (!command.versionSid()
                .equals(Sids.pluginVersion(command.pluginSid(), command.version()))) {
            throw new IllegalArgumentException(
                    "versionSid must be derived from the plugin and version");
        }
        requireOpenPlugin(command.pluginSid(), command.accountSid());
        versions.newInstance(() -> new PluginVersionAggregate(command));
        return command.versionSid();
    }

    private void requireOpenPlugin(String pluginSid, String accountSid) {
        OtherAggregates.State plugin =
                lookup.owned(pluginSid, accountSid)
                        .filter(s -> pluginSid.equals(s.pluginSid()))
                        .orElseThrow(
                                () ->
                                        PluginServiceException.notFound(
                                                Field.PLUGIN,
                                                "The requested Plugin "
                                                        + pluginSid
                                                        + " was not found"));
        if (plugin.archived()) {
            throw PluginServiceException.failedPrecondition(
                    Field.PLUGIN,
                    "PLUGIN_ARCHIVED",
                    "Plugin " + pluginSid + " is archived: it accepts no new versions");
        }
    }
}
