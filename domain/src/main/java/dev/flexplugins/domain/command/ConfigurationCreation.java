package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.ConfigurationCommands.CreateConfiguration;
import dev.flexplugins.domain.api.ConfigurationCommands.CreateRelease;
import dev.flexplugins.domain.api.ConfigurationCommands.PluginEntry;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfiguredPlugin;
import dev.flexplugins.domain.api.ConfigurationEvents.ReleaseCreated;
import dev.flexplugins.domain.api.ConfigurationRules;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;

/**
 * Creates configurations and releases, whose rules span aggregates: a configuration names existing,
 * unarchived versions of existing, unarchived plugins of the same account, at most one version per
 * plugin; a release names an existing, unarchived configuration of the same account.
 */
public class ConfigurationCreation {
    private final Repository<ConfigurationAggregate> configurations;
    private final Repository<ReleaseAggregate> releases;
    private final ReadOnlyAggregates lookup;

    public ConfigurationCreation(
            Repository<ConfigurationAggregate> configurations,
            Repository<ReleaseAggregate> releases,
            EventStore eventStore) {
        this.configurations = configurations;
        this.releases = releases;
        this.lookup = new ReadOnlyAggregates(eventStore);
    }

    @CommandHandler
    public String handle(CreateConfiguration command) throws Exception {
        ConfigurationRules.name(command.name());
        ConfigurationRules.description(command.description());
        ConfigurationRules.plugins(command.plugins());
        List<ConfiguredPlugin> configured = new ArrayList<>();
        Set<String> plugins = new HashSet<>();
        for (PluginEntry entry : command.plugins()) {
            ReadOnlyAggregates.State version =
                    lookup.owned(entry.pluginVersionSid(), command.accountSid())
                            .orElseThrow(
                                    () ->
                                            PluginServiceException.notFound(
                                                    Field.PLUGINS,
                                                    "Plugin Version "
                                                            + entry.pluginVersionSid()
                                                            + " was not found"));
            if (version.archived()) {
                throw PluginServiceException.failedPrecondition(
                        Field.PLUGINS,
                        "PLUGIN_VERSION_ARCHIVED",
                        "Plugin Version "
                                + entry.pluginVersionSid()
                                + " is archived: it cannot join a new configuration");
            }
            ReadOnlyAggregates.State plugin =
                    lookup.owned(version.pluginSid(), command.accountSid())
                            .orElseThrow(
                                    () ->
                                            PluginServiceException.notFound(
                                                    Field.PLUGINS,
                                                    "Plugin "
                                                            + version.pluginSid()
                                                            + " was not found"));
            if (plugin.archived()) {
                throw PluginServiceException.failedPrecondition(
                        Field.PLUGINS,
                        "PLUGIN_ARCHIVED",
                        "Plugin "
                                + version.pluginSid()
                                + " is archived: its versions cannot join a new configuration");
            }
            if (!plugins.add(version.pluginSid())) {
                throw PluginServiceException.invalid(
                        Field.PLUGINS,
                        "A configuration holds at most one version of"
                                + " each plugin; plugin "
                                + version.pluginSid()
                                + " appears twice");
            }
            configured.add(
                    new ConfiguredPlugin(
                            version.pluginSid(),
                            entry.pluginVersionSid(),
                            entry.phase() == null
                                    ? ConfigurationRules.DEFAULT_PHASE
                                    : entry.phase()));
        }
        ConfigurationCreated created =
                new ConfigurationCreated(
                        command.configurationSid(),
                        command.accountSid(),
                        command.name(),
                        command.description(),
                        List.copyOf(configured));
        configurations.newInstance(() -> new ConfigurationAggregate(created));
        return command.configurationSid();
    }

    @CommandHandler
    public String handle(CreateRelease command) throws Exception {
        if (!Sids.isSid(Sids.CONFIGURATION, command.configurationSid())) {
            throw PluginServiceException.invalid(
                    Field.RELEASE_CONFIGURATION,
                    input -> input + " must be a Configuration SID (FJ…)");
        }
        ReadOnlyAggregates.State configuration =
                lookup.owned(command.configurationSid(), command.accountSid())
                        .orElseThrow(
                                () ->
                                        PluginServiceException.notFound(
                                                Field.RELEASE_CONFIGURATION,
                                                "Configuration "
                                                        + command.configurationSid()
                                                        + " was not found"));
        if (configuration.archived()) {
            throw PluginServiceException.failedPrecondition(
                    Field.RELEASE_CONFIGURATION,
                    "CONFIGURATION_ARCHIVED",
                    "Configuration "
                            + command.configurationSid()
                            + " is archived: it cannot be released");
        }
        ReleaseCreated created =
                new ReleaseCreated(
                        command.releaseSid(), command.accountSid(), command.configurationSid());
        releases.newInstance(() -> new ReleaseAggregate(created));
        return command.releaseSid();
    }
}
