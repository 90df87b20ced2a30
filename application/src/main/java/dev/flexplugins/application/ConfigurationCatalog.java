package dev.flexplugins.application;

import dev.flexplugins.domain.api.ConfigurationCommands.ArchiveConfiguration;
import dev.flexplugins.domain.api.ConfigurationCommands.CreateConfiguration;
import dev.flexplugins.domain.api.ConfigurationCommands.CreateRelease;
import dev.flexplugins.domain.api.ConfigurationCommands.PluginEntry;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationArchived;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfiguredPlugin;
import dev.flexplugins.domain.api.ConfigurationEvents.ReleaseCreated;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import dev.flexplugins.projections.ConfigurationProjection;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.ResourceFold;
import dev.flexplugins.projections.model.ConfigurationView;
import dev.flexplugins.projections.model.ConfiguredPluginView;
import dev.flexplugins.projections.model.Owned;
import dev.flexplugins.projections.model.PluginVersionView;
import dev.flexplugins.projections.model.PluginView;
import dev.flexplugins.projections.model.ReleaseView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The use cases of configurations, configured plugins and releases, for both facades. With an
 * {@code asOf} instant, reads are folded from the log up to then.
 */
public class ConfigurationCatalog {
    private final CommandSender commands;
    private final ConfigurationProjection views;
    private final PluginCatalog plugins;
    private final EventLog log;
    private final PageTokens pageTokens;
    private final RequestReplay requests;

    public ConfigurationCatalog(
            CommandSender commands,
            ConfigurationProjection views,
            PluginCatalog plugins,
            EventLog log,
            PageTokens pageTokens,
            RequestReplay requests) {
        this.commands = commands;
        this.views = views;
        this.plugins = plugins;
        this.log = log;
        this.pageTokens = pageTokens;
        this.requests = requests;
    }

    // --- configurations ------------------------------------------------------------------------

    public Resources.Configuration createConfiguration(
            CallContext ctx, String name, String description, List<PluginEntry> entries) {
        return Resources.Configuration.of(newConfigurationRow(ctx, name, description, entries));
    }

    private ConfigurationView newConfigurationRow(
            CallContext ctx, String name, String description, List<PluginEntry> entries) {
        Optional<ConfigurationView> replayed =
                requests.replayed(
                        ctx,
                        ConfigurationCreated.class,
                        null,
                        id -> views.configuration(ctx.accountSid(), id));
        if (replayed.isPresent()) {
            return replayed.get();
        }
        String sid = Sids.random(Sids.CONFIGURATION);
        return commands.send(
                        ctx,
                        new CreateConfiguration(sid, ctx.accountSid(), name, description, entries))
                .row(sid, ConfigurationView.class)
                .orElseThrow();
    }

    public Resources.Configuration fetchConfiguration(CallContext ctx, String sid, Instant asOf) {
        return Resources.Configuration.of(configurationRow(ctx, sid, asOf));
    }

    private ConfigurationView configurationRow(CallContext ctx, String sid, Instant asOf) {
        if (asOf != null) {
            return folded(sid, asOf).configurations().values().stream()
                    .filter(Owned.by(ctx.accountSid()))
                    .findFirst()
                    .orElseThrow(() -> configurationNotFound(sid));
        }
        return views.configuration(ctx.accountSid(), sid)
                .orElseThrow(() -> configurationNotFound(sid));
    }

    public Page<Resources.Configuration> listConfigurations(
            CallContext ctx, PageRequest request, Instant asOf) {
        Page<ConfigurationView> page =
                Paging.page(
                        pageTokens,
                        ListScopes.configurations(ctx),
                        request,
                        (cursor, size) ->
                                views.configurations(ctx.accountSid(), cursor, size, asOf),
                        ConfigurationView::listKey);
        if (asOf == null) {
            return page.map(Resources.Configuration::of);
        }
        return new Page<>(
                page.items().stream().map(c -> fetchConfiguration(ctx, c.sid(), asOf)).toList(),
                page.page(),
                page.pageSize(),
                page.nextPageToken(),
                page.previousPageToken());
    }

    public Resources.Configuration archiveConfiguration(CallContext ctx, String sid) {
        ConfigurationView configuration = configurationRow(ctx, sid, null);
        Optional<ConfigurationView> replayed =
                requests.replayed(
                        ctx,
                        ConfigurationArchived.class,
                        configuration.sid(),
                        id -> views.configuration(ctx.accountSid(), id));
        if (replayed.isPresent()) {
            return Resources.Configuration.of(replayed.get());
        }
        return Resources.Configuration.of(
                commands.sendRetryingConflicts(
                                ctx,
                                new ArchiveConfiguration(configuration.sid(), ctx.accountSid()))
                        .row(configuration.sid(), ConfigurationView.class)
                        .orElse(configuration)); // already archived
    }

    // --- configured plugins --------------------------------------------------------------------

    public Page<Resources.ConfiguredPlugin> listConfiguredPlugins(
            CallContext ctx, String configurationSid, PageRequest request, Instant asOf) {
        ConfigurationView configuration = configurationRow(ctx, configurationSid, asOf);
        if (asOf != null) {
            List<ConfiguredPluginView> all = configuredAsOf(ctx, configuration, asOf);
            int size = Paging.pageSize(request);
            if (request.pageToken() != null && !request.pageToken().isEmpty()) {
                throw PluginServiceException.invalid(
                        Parameter.PAGE_TOKEN,
                        input ->
                                "A list of configured plugins at an instant has one page: no "
                                        + input);
            }
            return new Page<>(all.subList(0, Math.min(size, all.size())), 0, size, null, null)
                    .map(Resources.ConfiguredPlugin::of);
        }
        return Paging.page(
                        pageTokens,
                        ListScopes.configuredPlugins(ctx, configuration.sid()),
                        request,
                        (cursor, size) ->
                                views.configuredPlugins(
                                        ctx.accountSid(), configuration.sid(), cursor, size),
                        ConfiguredPluginView::listKey)
                .map(Resources.ConfiguredPlugin::of);
    }

    public Resources.ConfiguredPlugin fetchConfiguredPlugin(
            CallContext ctx, String configurationSid, String pluginRef, Instant asOf) {
        ConfigurationView configuration = configurationRow(ctx, configurationSid, asOf);
        String pluginSid = plugins.pluginSid(ctx, pluginRef);
        Optional<ConfiguredPluginView> found =
                asOf == null
                        ? views.configuredPlugin(ctx.accountSid(), configuration.sid(), pluginSid)
                        : configuredAsOf(ctx, configuration, asOf).stream()
                                .filter(p -> p.pluginSid().equals(pluginSid))
                                .findFirst();
        return found.map(Resources.ConfiguredPlugin::of)
                .orElseThrow(
                        () ->
                                PluginServiceException.notFound(
                                        Field.PLUGIN,
                                        "Plugin "
                                                + pluginRef
                                                + " is not in Configuration "
                                                + configuration.sid()));
    }

    private List<ConfiguredPluginView> configuredAsOf(
            CallContext ctx, ConfigurationView configuration, Instant asOf) {
        List<ConfiguredPlugin> entries =
                folded(configuration.sid(), asOf)
                        .configured()
                        .getOrDefault(configuration.sid(), List.of());
        List<ConfiguredPluginView> rows = new ArrayList<>();
        for (ConfiguredPlugin entry : entries) {
            PluginView plugin =
                    ResourceFold.plugin(entry.pluginSid(), log.resource(entry.pluginSid(), asOf))
                            .orElseThrow();
            PluginVersionView version =
                    ResourceFold.version(
                                    entry.pluginVersionSid(),
                                    log.resource(entry.pluginVersionSid(), asOf))
                            .orElseThrow();
            rows.add(
                    new ConfiguredPluginView(
                            ctx.accountSid(),
                            configuration.sid(),
                            plugin.sid(),
                            version.sid(),
                            entry.phase(),
                            version.pluginUrl(),
                            plugin.uniqueName(),
                            plugin.friendlyName(),
                            plugin.description(),
                            plugin.archived(),
                            version.version(),
                            version.changelog(),
                            version.archived(),
                            version.requiresAuthorization(),
                            configuration.dateCreated(),
                            ConfiguredPluginView.listKey(rows.size())));
        }
        return rows;
    }

    // --- releases ------------------------------------------------------------------------------

    public Resources.Release createRelease(CallContext ctx, String configurationId) {
        Optional<ReleaseView> replayed =
                requests.replayed(
                        ctx, ReleaseCreated.class, null, id -> views.release(ctx.accountSid(), id));
        if (replayed.isPresent()) {
            return Resources.Release.of(replayed.get());
        }
        String sid = Sids.random(Sids.RELEASE);
        return Resources.Release.of(
                commands.send(ctx, new CreateRelease(sid, ctx.accountSid(), configurationId))
                        .row(sid, ReleaseView.class)
                        .orElseThrow());
    }

    public Resources.Release fetchRelease(CallContext ctx, String sid, Instant asOf) {
        if (asOf != null) {
            return folded(sid, asOf).releases().values().stream()
                    .filter(Owned.by(ctx.accountSid()))
                    .findFirst()
                    .map(Resources.Release::of)
                    .orElseThrow(() -> releaseNotFound(sid));
        }
        return views.release(ctx.accountSid(), sid)
                .map(Resources.Release::of)
                .orElseThrow(() -> releaseNotFound(sid));
    }

    /** The account's active release: its newest (none before the first release). */
    public Optional<Resources.Release> activeRelease(CallContext ctx) {
        return listReleases(ctx, new PageRequest(1, null, null), null).items().stream().findFirst();
    }

    public Page<Resources.Release> listReleases(
            CallContext ctx, PageRequest request, Instant asOf) {
        return Paging.page(
                        pageTokens,
                        ListScopes.releases(ctx),
                        request,
                        (cursor, size) -> views.releases(ctx.accountSid(), cursor, size, asOf),
                        ReleaseView::listKey)
                .map(Resources.Release::of);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ResourceFold folded(String sid, Instant asOf) {
        return ResourceFold.of(log.resource(sid, asOf));
    }

    private static PluginServiceException configurationNotFound(String sid) {
        return PluginServiceException.notFound(
                Field.CONFIGURATION, sid, "The requested Configuration " + sid + " was not found");
    }

    private static PluginServiceException releaseNotFound(String sid) {
        return PluginServiceException.notFound(
                Field.RELEASE, sid, "The requested Release " + sid + " was not found");
    }
}
