package dev.flexplugins.application;

import dev.flexplugins.application.Resources.Plugin;
import dev.flexplugins.application.Resources.PluginVersion;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.ArchivePlugin;
import dev.flexplugins.domain.api.PluginCommands.ArchivePluginVersion;
import dev.flexplugins.domain.api.PluginCommands.CreatePlugin;
import dev.flexplugins.domain.api.PluginCommands.CreatePluginVersion;
import dev.flexplugins.domain.api.PluginCommands.UpdatePlugin;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.PluginProjection;
import dev.flexplugins.projections.PluginVersionProjection;
import dev.flexplugins.projections.ResourceFold;
import dev.flexplugins.projections.model.Owned;
import dev.flexplugins.projections.model.PluginVersionView;
import dev.flexplugins.projections.model.PluginView;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The plugin catalogue's use cases, as both facades call them: resolve identifiers, send one
 * command, read the views. Rules live in the aggregates; this class only orchestrates.
 */
public class PluginCatalog {

    private final CommandSender commands;
    private final PluginProjection plugins;
    private final PluginVersionProjection versions;
    private final PageTokens pageTokens;
    private final RequestReplay requests;
    private final EventLog log;

    public PluginCatalog(
            CommandSender commands,
            PluginProjection plugins,
            PluginVersionProjection versions,
            PageTokens pageTokens,
            RequestReplay requests,
            EventLog log) {
        this.log = log;
        this.commands = commands;
        this.plugins = plugins;
        this.versions = versions;
        this.pageTokens = pageTokens;
        this.requests = requests;
    }

    public Plugin createPlugin(
            CallContext ctx, String uniqueName, String friendlyName, String description) {
        String sid = Sids.plugin(ctx.accountSid(), uniqueName);
        // no pre-check: the event store admits one creation per derived SID (see Sids)
        return Plugin.of(
                createOnce(
                        ctx,
                        PluginCreated.class,
                        sid,
                        () -> plugins.find(ctx.accountSid(), sid),
                        () ->
                                commands.send(
                                                ctx,
                                                new CreatePlugin(
                                                        sid,
                                                        ctx.accountSid(),
                                                        uniqueName,
                                                        friendlyName,
                                                        description))
                                        .row(sid, PluginView.class)
                                        .orElseThrow(),
                        () -> duplicatePlugin(uniqueName)));
    }

    /** How long a retry waits for a concurrent attempt of the same request to commit. */
    private static final long CONCURRENT_ATTEMPT_WAIT_MILLIS = 5_000;

    /**
     * Creates a resource once per request id. The request may already have created it (a retry:
     * answer that); or another attempt of the same request may be creating it right now, its
     * transaction not yet committed, so the event store refuses this one: wait for that attempt to
     * end, then answer what it created (or create it, if it rolled back). Without a caller's
     * request id, a conflict is a duplicate at once.
     */
    private <T> T createOnce(
            CallContext ctx,
            Class<?> eventType,
            String sid,
            Supplier<Optional<T>> load,
            Supplier<T> create,
            Supplier<PluginServiceException> duplicate) {
        long deadline = System.currentTimeMillis() + CONCURRENT_ATTEMPT_WAIT_MILLIS;
        while (true) {
            Optional<T> replayed = requests.replayed(ctx, eventType, sid, id -> load.get());
            if (replayed.isPresent()) {
                return replayed.get();
            }
            try {
                return create.get();
            } catch (PluginServiceException e) {
                // decided on committed state: a retry that lost the race finds its twin's change
                return requests.replayed(ctx, eventType, sid, id -> load.get())
                        .orElseThrow(() -> e);
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                // Read whether it is there (committed) before whose it is: the request log row
                // commits with it, so a committed twin of this request is always recognised.
                boolean committed = load.get().isPresent();
                Optional<T> twin = requests.replayed(ctx, eventType, sid, id -> load.get());
                if (twin.isPresent()) {
                    return twin.get();
                }
                // There, committed, and not this request's: a plain duplicate. Not there: the
                // attempt that holds it has not committed yet (or rolled back): wait and retry.
                if (!ctx.clientRequestId() || committed || System.currentTimeMillis() > deadline) {
                    throw duplicate.get();
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw duplicate.get();
                }
            }
        }
    }

    public Plugin fetchPlugin(CallContext ctx, String sidOrUniqueName) {
        return Plugin.of(pluginRow(ctx, sidOrUniqueName));
    }

    private PluginView pluginRow(CallContext ctx, String sidOrUniqueName) {
        String sid = pluginSid(ctx, sidOrUniqueName);
        return plugins.find(ctx.accountSid(), sid)
                .orElseThrow(() -> pluginNotFound(sidOrUniqueName));
    }

    public Page<Plugin> listPlugins(CallContext ctx, PageRequest request) {
        String scope = ListScopes.plugins(ctx);
        return Paging.page(
                        pageTokens,
                        scope,
                        request,
                        (cursor, size) -> plugins.list(ctx.accountSid(), cursor, size, null),
                        PluginView::listKey)
                .map(Plugin::of);
    }

    public Plugin updatePlugin(
            CallContext ctx, String sidOrUniqueName, String friendlyName, String description) {
        PluginView plugin = pluginRow(ctx, sidOrUniqueName);
        Optional<PluginView> replayed =
                requests.replayed(
                        ctx,
                        PluginUpdated.class,
                        plugin.sid(),
                        id -> plugins.find(ctx.accountSid(), id));
        if (replayed.isPresent()) {
            return Plugin.of(replayed.get());
        }
        return Plugin.of(
                commands.sendRetryingConflicts(
                                ctx,
                                new UpdatePlugin(
                                        plugin.sid(), ctx.accountSid(), friendlyName, description))
                        .row(plugin.sid(), PluginView.class)
                        .orElse(plugin)); // no change: no event
    }

    public Plugin archivePlugin(CallContext ctx, String sidOrUniqueName) {
        PluginView plugin = pluginRow(ctx, sidOrUniqueName);
        Optional<PluginView> replayed =
                requests.replayed(
                        ctx,
                        PluginArchived.class,
                        plugin.sid(),
                        id -> plugins.find(ctx.accountSid(), id));
        if (replayed.isPresent()) {
            return Plugin.of(replayed.get());
        }
        return Plugin.of(
                commands.sendRetryingConflicts(
                                ctx, new ArchivePlugin(plugin.sid(), ctx.accountSid()))
                        .row(plugin.sid(), PluginView.class)
                        .orElse(plugin)); // already archived: no event
    }

    /** The fields of a new version, as the caller gave them. */
    public record NewVersion(
            String version,
            String pluginUrl,
            String changelog,
            boolean requiresAuthorization,
            String cliVersion,
            String validateStatus) {}

    public PluginVersion createVersion(CallContext ctx, String pluginSidOrName, NewVersion v) {
        // The plugin's existence, owner and state are the domain's to check
        // (PluginVersionCreation).
        String pluginSid = pluginSid(ctx, pluginSidOrName);
        String sid = Sids.pluginVersion(pluginSid, v.version());
        return PluginVersion.of(
                createOnce(
                        ctx,
                        PluginVersionCreated.class,
                        sid,
                        () -> versions.find(ctx.accountSid(), pluginSid, sid),
                        () ->
                                commands.send(
                                                ctx,
                                                new CreatePluginVersion(
                                                        sid,
                                                        ctx.accountSid(),
                                                        pluginSid,
                                                        v.version(),
                                                        v.pluginUrl(),
                                                        v.changelog(),
                                                        v.requiresAuthorization(),
                                                        v.cliVersion(),
                                                        v.validateStatus()))
                                        .row(sid, PluginVersionView.class)
                                        .orElseThrow(),
                        () -> duplicateVersion(pluginSidOrName, v.version())));
    }

    public PluginVersion fetchVersion(
            CallContext ctx, String pluginSidOrName, String sidOrVersion) {
        return PluginVersion.of(versionRow(ctx, pluginSidOrName, sidOrVersion));
    }

    private PluginVersionView versionRow(
            CallContext ctx, String pluginSidOrName, String sidOrVersion) {
        // one query: the plugin's SID is derived, and the version row carries its plugin and
        // account
        String pluginSid = pluginSid(ctx, pluginSidOrName);
        String sid = versionSid(pluginSid, sidOrVersion);
        return versions.find(ctx.accountSid(), pluginSid, sid)
                .orElseThrow(() -> versionNotFound(sidOrVersion));
    }

    /**
     * One query when the page has rows: a version row carries its plugin and account, so rows prove
     * the plugin is the caller's. Only an empty page (or a refused page token) asks whether the
     * plugin exists, so an unknown plugin is still NOT_FOUND, and still before a token complaint.
     */
    public Page<PluginVersion> listVersions(
            CallContext ctx, String pluginSidOrName, PageRequest request) {
        String pluginSid = pluginSid(ctx, pluginSidOrName);
        String scope = ListScopes.versions(ctx, pluginSid);
        Page<PluginVersionView> page;
        try {
            page =
                    Paging.page(
                            pageTokens,
                            scope,
                            request,
                            (cursor, size) ->
                                    versions.list(ctx.accountSid(), pluginSid, cursor, size, null),
                            PluginVersionView::listKey);
        } catch (PluginServiceException refused) {
            pluginRow(ctx, pluginSidOrName);
            throw refused;
        }
        if (page.items().isEmpty()) {
            pluginRow(ctx, pluginSidOrName);
        }
        return page.map(PluginVersion::of);
    }

    public PluginVersion archiveVersion(
            CallContext ctx, String pluginSidOrName, String sidOrVersion) {
        PluginVersionView version = versionRow(ctx, pluginSidOrName, sidOrVersion);
        Optional<PluginVersionView> replayed =
                requests.replayed(
                        ctx,
                        PluginVersionArchived.class,
                        version.sid(),
                        id -> versions.find(ctx.accountSid(), version.pluginSid(), id));
        if (replayed.isPresent()) {
            return PluginVersion.of(replayed.get());
        }
        return PluginVersion.of(
                commands.sendRetryingConflicts(
                                ctx, new ArchivePluginVersion(version.sid(), ctx.accountSid()))
                        .row(version.sid(), PluginVersionView.class)
                        .orElse(version)); // already archived: no event
    }

    static String versionSid(String pluginSid, String sidOrVersion) {
        return Sids.isSid(Sids.PLUGIN_VERSION, sidOrVersion)
                ? sidOrVersion
                : Sids.pluginVersion(pluginSid, sidOrVersion);
    }

    static PluginServiceException versionNotFound(String ref) {
        return PluginServiceException.notFound(
                Field.PLUGIN_VERSION,
                ref,
                "The requested Plugin Version " + ref + " was not found");
    }

    // --- reads at an instant (time travel): the views answer "now", the log answers any past
    // instant

    /** The plugin now ({@code asOf} null) or as it was at {@code asOf}. */
    public Plugin fetchPlugin(CallContext ctx, String sidOrUniqueName, Instant asOf) {
        return asOf == null
                ? fetchPlugin(ctx, sidOrUniqueName)
                : Plugin.of(pluginAsOf(ctx, sidOrUniqueName, asOf));
    }

    public Page<Plugin> listPlugins(CallContext ctx, PageRequest request, Instant asOf) {
        return asOf == null ? listPlugins(ctx, request) : listPluginsAsOf(ctx, request, asOf);
    }

    public PluginVersion fetchVersion(
            CallContext ctx, String pluginSidOrName, String sidOrVersion, Instant asOf) {
        return asOf == null
                ? fetchVersion(ctx, pluginSidOrName, sidOrVersion)
                : PluginVersion.of(versionAsOf(ctx, pluginSidOrName, sidOrVersion, asOf));
    }

    public Page<PluginVersion> listVersions(
            CallContext ctx, String pluginSidOrName, PageRequest request, Instant asOf) {
        return asOf == null
                ? listVersions(ctx, pluginSidOrName, request)
                : listVersionsAsOf(ctx, pluginSidOrName, request, asOf);
    }

    /** The plugin as its events up to {@code asOf} made it; NOT_FOUND if it did not exist yet. */
    private PluginView pluginAsOf(CallContext ctx, String pluginRef, Instant asOf) {
        String sid = pluginSid(ctx, pluginRef);
        return ResourceFold.plugin(sid, log.resource(sid, asOf))
                .filter(Owned.by(ctx.accountSid()))
                .orElseThrow(() -> pluginNotFound(pluginRef));
    }

    /**
     * The version as its events up to {@code asOf} made it; NOT_FOUND if it (or its plugin) did not
     * exist yet.
     */
    private PluginVersionView versionAsOf(
            CallContext ctx, String pluginRef, String versionRef, Instant asOf) {
        PluginView plugin = pluginAsOf(ctx, pluginRef, asOf);
        String sid = versionSid(plugin.sid(), versionRef);
        return ResourceFold.version(sid, log.resource(sid, asOf))
                .filter(v -> v.pluginSid().equals(plugin.sid()))
                .orElseThrow(() -> versionNotFound(versionRef));
    }

    /** The account's plugins as they were at {@code asOf}, newest first. */
    private Page<Plugin> listPluginsAsOf(CallContext ctx, PageRequest request, Instant asOf) {
        String scope = ListScopes.plugins(ctx);
        Page<PluginView> created =
                Paging.page(
                        pageTokens,
                        scope,
                        request,
                        (cursor, size) -> plugins.list(ctx.accountSid(), cursor, size, asOf),
                        PluginView::listKey);
        return new Page<>(
                created.items().stream()
                        .map(p -> ResourceFold.plugin(p.sid(), log.resource(p.sid(), asOf)))
                        .flatMap(Optional::stream)
                        .map(Plugin::of)
                        .toList(),
                created.page(),
                created.pageSize(),
                created.nextPageToken(),
                created.previousPageToken());
    }

    /** The plugin's versions as they were at {@code asOf}, newest first. */
    private Page<PluginVersion> listVersionsAsOf(
            CallContext ctx, String pluginRef, PageRequest request, Instant asOf) {
        PluginView plugin = pluginAsOf(ctx, pluginRef, asOf);
        String scope = ListScopes.versions(ctx, plugin.sid());
        Page<PluginVersionView> created =
                Paging.page(
                        pageTokens,
                        scope,
                        request,
                        (cursor, size) ->
                                versions.list(ctx.accountSid(), plugin.sid(), cursor, size, asOf),
                        PluginVersionView::listKey);
        return new Page<>(
                created.items().stream()
                        .map(v -> ResourceFold.version(v.sid(), log.resource(v.sid(), asOf)))
                        .flatMap(Optional::stream)
                        .map(PluginVersion::of)
                        .toList(),
                created.page(),
                created.pageSize(),
                created.nextPageToken(),
                created.previousPageToken());
    }

    // --- identifiers -------------------------------------------------------------------------

    /** The SID a path segment names: a SID as is, a unique name through its derived SID. */
    String pluginSid(CallContext ctx, String sidOrUniqueName) {
        if (sidOrUniqueName == null || sidOrUniqueName.isEmpty()) {
            throw pluginNotFound("");
        }
        if (Sids.looksLikeSid(sidOrUniqueName)) {
            if (!Sids.isSid(Sids.PLUGIN, sidOrUniqueName)) {
                throw pluginNotFound(sidOrUniqueName);
            }
            return sidOrUniqueName;
        }
        return Sids.plugin(ctx.accountSid(), sidOrUniqueName);
    }

    static PluginServiceException pluginNotFound(String ref) {
        return PluginServiceException.notFound(
                Field.PLUGIN, ref, "The requested Plugin " + ref + " was not found");
    }

    private static PluginServiceException duplicatePlugin(String uniqueName) {
        return PluginServiceException.alreadyExists(
                Field.UNIQUE_NAME,
                input -> "A Plugin with " + input + " " + uniqueName + " already exists");
    }

    private static PluginServiceException duplicateVersion(String pluginRef, String version) {
        return PluginServiceException.alreadyExists(
                Field.VERSION,
                input -> "Plugin " + pluginRef + " already has a " + input + " " + version);
    }
}
