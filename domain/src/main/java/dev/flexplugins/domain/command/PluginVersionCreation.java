package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.DecidedOn;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.CreatePluginVersion;
import dev.flexplugins.domain.api.PluginRules;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;

/**
 * Creates plugin versions. The rule "no new version on an archived plugin" spans two aggregates:
 * the plugin is loaded with its own event-sourcing handlers, without locking it, so versions of one
 * plugin are created in parallel. The version's uniqueness is the event store's job (see {@link
 * Sids#pluginVersion}); a version that is already there (committed) is refused before anything is
 * written, from the same read that finds the plugin's last sequence number: a refused insert would
 * spend a global index of the event store, and every index left unused is a gap the feed's tracking
 * token carries until it expires (thousands of refused retries in a minute made that token, copied
 * with every event read, outgrow the heap). Where the store can check both heads in the append
 * itself ({@link StreamHeads#forCreation}), that read is skipped for a plugin it has read before.
 * Either way the version's event states the plugin's head it was decided on ({@link DecidedOn}),
 * and the event store appends it only while the plugin is still there.
 */
public class PluginVersionCreation {

    private final Repository<PluginVersionAggregate> versions;
    private final ReadOnlyAggregates lookup;
    private final StreamHeads heads;

    public PluginVersionCreation(
            Repository<PluginVersionAggregate> versions, EventStore eventStore) {
        this(versions, eventStore, StreamHeads.of(eventStore));
    }

    public PluginVersionCreation(
            Repository<PluginVersionAggregate> versions, EventStore eventStore, StreamHeads heads) {
        this.versions = versions;
        this.lookup = new ReadOnlyAggregates(eventStore);
        this.heads = heads;
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
        Map<String, Long> last = heads.forCreation(command.pluginSid(), command.versionSid());
        Long pluginHead = last.get(command.pluginSid());
        requireOpenPlugin(
                command.pluginSid(), command.accountSid(), Optional.ofNullable(pluginHead));
        StreamHeads.requireNew(last, command.versionSid(), "Plugin version");
        DecidedOn decidedOn = new DecidedOn(command.pluginSid(), pluginHead);
        versions.newInstance(() -> new PluginVersionAggregate(command, decidedOn));
        return command.versionSid();
    }

    private void requireOpenPlugin(String pluginSid, String accountSid, Optional<Long> last) {
        ReadOnlyAggregates.State plugin =
                lookup.owned(pluginSid, accountSid, last)
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
