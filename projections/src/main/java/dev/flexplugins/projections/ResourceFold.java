package dev.flexplugins.projections;

import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationArchived;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfiguredPlugin;
import dev.flexplugins.domain.api.ConfigurationEvents.ReleaseCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.projections.model.ConfigurationView;
import dev.flexplugins.projections.model.LoggedEvent;
import dev.flexplugins.projections.model.PluginVersionView;
import dev.flexplugins.projections.model.PluginView;
import dev.flexplugins.projections.model.ReleaseView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resources folded in memory straight from their events, independently of the SQL projections: time
 * travel answers from it, and {@code verify} compares it with the views.
 */
public final class ResourceFold {
    private final Map<String, PluginView> plugins = new LinkedHashMap<>();
    private final Map<String, PluginVersionView> versions = new LinkedHashMap<>();
    private final Map<String, ConfigurationView> configurations = new LinkedHashMap<>();
    private final Map<String, List<ConfiguredPlugin>> configured = new LinkedHashMap<>();
    private final Map<String, ReleaseView> releases = new LinkedHashMap<>();

    public void apply(LoggedEvent e) {
        Object payload = e.payload();
        if (payload instanceof PluginCreated c) {
            plugins.put(
                    c.pluginSid(),
                    new PluginView(
                            c.pluginSid(),
                            c.accountSid(),
                            c.uniqueName(),
                            c.friendlyName(),
                            c.description(),
                            false,
                            e.occurredAt(),
                            e.occurredAt(),
                            e.globalIndex()));
        } else if (payload instanceof PluginUpdated u) {
            plugins.computeIfPresent(
                    u.pluginSid(),
                    (k, p) ->
                            new PluginView(
                                    p.sid(),
                                    p.accountSid(),
                                    p.uniqueName(),
                                    u.friendlyName(),
                                    u.description(),
                                    p.archived(),
                                    p.dateCreated(),
                                    e.occurredAt(),
                                    p.listKey()));
        } else if (payload instanceof PluginArchived a) {
            plugins.computeIfPresent(
                    a.pluginSid(),
                    (k, p) ->
                            new PluginView(
                                    p.sid(),
                                    p.accountSid(),
                                    p.uniqueName(),
                                    p.friendlyName(),
                                    p.description(),
                                    true,
                                    p.dateCreated(),
                                    e.occurredAt(),
                                    p.listKey()));
        } else if (payload instanceof PluginVersionCreated c) {
            versions.put(
                    c.versionSid(),
                    new PluginVersionView(
                            c.versionSid(),
                            c.accountSid(),
                            c.pluginSid(),
                            c.version(),
                            c.pluginUrl(),
                            c.changelog(),
                            c.requiresAuthorization(),
                            false,
                            c.validated(),
                            c.cliVersion(),
                            c.validateStatus(),
                            e.occurredAt(),
                            e.globalIndex()));
        } else if (payload instanceof PluginVersionArchived a) {
            versions.computeIfPresent(
                    a.versionSid(),
                    (k, v) ->
                            new PluginVersionView(
                                    v.sid(),
                                    v.accountSid(),
                                    v.pluginSid(),
                                    v.version(),
                                    v.pluginUrl(),
                                    v.changelog(),
                                    v.requiresAuthorization(),
                                    true,
                                    v.validated(),
                                    v.cliVersion(),
                                    v.validateStatus(),
                                    v.dateCreated(),
                                    v.listKey()));
        } else if (payload instanceof ConfigurationCreated c) {
            configurations.put(
                    c.configurationSid(),
                    new ConfigurationView(
                            c.configurationSid(),
                            c.accountSid(),
                            c.name(),
                            c.description(),
                            false,
                            e.occurredAt(),
                            e.globalIndex()));
            configured.put(c.configurationSid(), c.plugins());
        } else if (payload instanceof ConfigurationArchived a) {
            configurations.computeIfPresent(
                    a.configurationSid(),
                    (k, c) ->
                            new ConfigurationView(
                                    c.sid(),
                                    c.accountSid(),
                                    c.name(),
                                    c.description(),
                                    true,
                                    c.dateCreated(),
                                    c.listKey()));
        } else if (payload instanceof ReleaseCreated r) {
            releases.put(
                    r.releaseSid(),
                    new ReleaseView(
                            r.releaseSid(),
                            r.accountSid(),
                            r.configurationSid(),
                            e.occurredAt(),
                            e.globalIndex()));
        }
    }

    public Map<String, ConfigurationView> configurations() {
        return configurations;
    }

    /** Each configuration's plugins, in the order given. */
    public Map<String, List<ConfiguredPlugin>> configured() {
        return configured;
    }

    public Map<String, ReleaseView> releases() {
        return releases;
    }

    /** Any resource folded from one stream of events. */
    public static ResourceFold of(List<LoggedEvent> events) {
        ResourceFold fold = new ResourceFold();
        events.forEach(fold::apply);
        return fold;
    }

    public Map<String, PluginView> plugins() {
        return plugins;
    }

    public Map<String, PluginVersionView> versions() {
        return versions;
    }

    /** One plugin, folded from its events. */
    public static Optional<PluginView> plugin(String sid, List<LoggedEvent> events) {
        ResourceFold fold = new ResourceFold();
        events.forEach(fold::apply);
        return Optional.ofNullable(fold.plugins.get(sid));
    }

    /** One version, folded from its events. */
    public static Optional<PluginVersionView> version(String sid, List<LoggedEvent> events) {
        ResourceFold fold = new ResourceFold();
        events.forEach(fold::apply);
        return Optional.ofNullable(fold.versions.get(sid));
    }
}
