package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.PluginCommands.CreatePlugin;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * Creates plugins. A plugin's sid is derived from its account and unique name, so a second plugin
 * with a taken name is a second stream with the same identifier, which the event store's unique key
 * refuses; it is refused here first, by one read before anything is written, because a refused
 * insert still spends a global index, and each index left unused is a gap that the feed's tracking
 * token carries (see {@link PluginVersionCreation}). Two creates of the same name racing past the
 * read are still settled by the unique key.
 */
public class PluginCreation {
    private final Repository<PluginAggregate> plugins;
    private final StreamHeads heads;

    public PluginCreation(Repository<PluginAggregate> plugins, StreamHeads heads) {
        this.plugins = plugins;
        this.heads = heads;
    }

    @CommandHandler
    public String handle(CreatePlugin command) throws Exception {
        PluginAggregate.check(command);
        StreamHeads.requireNew(heads.last(command.pluginSid()), command.pluginSid(), "Plugin");
        plugins.newInstance(() -> new PluginAggregate(command));
        return command.pluginSid();
    }
}
