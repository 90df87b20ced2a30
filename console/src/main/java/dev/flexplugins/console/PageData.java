package dev.flexplugins.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.CallContext;
import dev.flexplugins.application.ConfigurationCatalog;
import dev.flexplugins.application.Page;
import dev.flexplugins.application.PageRequest;
import dev.flexplugins.application.PluginCatalog;
import dev.flexplugins.application.Resources.AuditEvent;
import dev.flexplugins.application.Resources.Configuration;
import dev.flexplugins.application.Resources.ConfiguredPlugin;
import dev.flexplugins.application.Resources.Plugin;
import dev.flexplugins.application.Resources.PluginVersion;
import dev.flexplugins.application.Resources.Release;
import dev.flexplugins.domain.api.AuditMetadata;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the console's pages show, read through the same application layer as REST and gRPC with the
 * session's account, so a page sees exactly what the account's credentials may see. The console
 * shapes what it reads for people (search, newest first, diffs, counts); it decides no rule.
 */
@Singleton
final class PageData {
    /** Pages show at most this many rows of a list, and say so when there are more. */
    static final int MAX_ROWS = 200;

    static final int HISTORY_PAGE = 100;
    static final int ACTIVITY_DAYS = 30;

    private final PluginCatalog plugins;
    private final ConfigurationCatalog configurations;
    private final AuditTrail audit;
    private final ObjectMapper json;

    PageData(
            PluginCatalog plugins,
            ConfigurationCatalog configurations,
            AuditTrail audit,
            ObjectMapper json) {
        this.plugins = plugins;
        this.configurations = configurations;
        this.audit = audit;
        this.json = json;
    }

    /** Up to {@code max} items of a newest-first list, following its page tokens. */
    static <T> List<T> upTo(int max, Function<PageRequest, Page<T>> list) {
        List<T> out = new ArrayList<>();
        String token = null;
        do {
            Page<T> page =
                    list.apply(
                            new PageRequest(
                                    Math.min(PageRequest.MAX_PAGE_SIZE, max + 1), token, null));
            out.addAll(page.items());
            token = page.nextPageToken();
        } while (token != null && out.size() <= max);
        return out;
    }

    List<ConfiguredPlugin> configured(CallContext ctx, String configurationSid) {
        return upTo(
                1000, r -> configurations.listConfiguredPlugins(ctx, configurationSid, r, null));
    }

    // --- Plugins -------------------------------------------------------------------------------

    Map<String, Object> pluginList(CallContext ctx, String query, boolean showArchived) {
        List<Plugin> all = upTo(5_000, r -> plugins.listPlugins(ctx, r));
        Set<String> active =
                configurations
                        .activeRelease(ctx)
                        .map(
                                r ->
                                        configured(ctx, r.configurationSid()).stream()
                                                .map(ConfiguredPlugin::pluginSid)
                                                .collect(Collectors.toSet()))
                        .orElse(Set.of());
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        int matching = 0;
        for (Plugin p : all) {
            if (p.archived() && !showArchived) {
                continue;
            }
            if (!q.isEmpty()
                    && !p.uniqueName().toLowerCase(Locale.ROOT).contains(q)
                    && (p.friendlyName() == null
                            || !p.friendlyName().toLowerCase(Locale.ROOT).contains(q))) {
                continue;
            }
            matching++;
            if (rows.size() >= MAX_ROWS) {
                continue;
            }
            String latest =
                    plugins
                            .listVersions(ctx, p.sid(), new PageRequest(1, null, null))
                            .items()
                            .stream()
                            .findFirst()
                            .map(PluginVersion::version)
                            .orElse(null);
            rows.add(
                    Model.of(
                            "sid", p.sid(),
                            "uniqueName", p.uniqueName(),
                            "friendlyName", p.friendlyName(),
                            "description", p.description(),
                            "archived", p.archived(),
                            "latest", latest,
                            "active", active.contains(p.sid()),
                            "updated", Model.time(p.dateUpdated())));
        }
        return Model.of(
                "plugins", rows, "matching", matching, "shown", rows.size(), "total", all.size());
    }

    Map<String, Object> plugin(CallContext ctx, String sid, Instant asOf) {
        Plugin p = plugins.fetchPlugin(ctx, sid, asOf);
        List<PluginVersion> versions =
                upTo(MAX_ROWS, r -> plugins.listVersions(ctx, p.sid(), r, asOf));
        // Which releases carried each version: every release's configuration, read once each.
        List<Release> releases = upTo(MAX_ROWS, r -> configurations.listReleases(ctx, r, asOf));
        Map<String, List<ConfiguredPlugin>> byConfiguration = new HashMap<>();
        Map<String, List<Map<String, Object>>> carriedBy = new HashMap<>();
        for (int i = 0; i < releases.size(); i++) {
            Release release = releases.get(i);
            List<ConfiguredPlugin> rows =
                    byConfiguration.computeIfAbsent(
                            release.configurationSid(), c -> configured(ctx, c));
            for (ConfiguredPlugin row : rows) {
                if (row.pluginSid().equals(p.sid())) {
                    carriedBy
                            .computeIfAbsent(row.pluginVersionSid(), v -> new ArrayList<>())
                            .add(
                                    Model.of(
                                            "sid",
                                            release.sid(),
                                            "active",
                                            i == 0 && asOf == null,
                                            "date",
                                            Model.time(release.dateCreated())));
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PluginVersion v : versions.subList(0, Math.min(MAX_ROWS, versions.size()))) {
            List<Map<String, Object>> carried = carriedBy.getOrDefault(v.sid(), List.of());
            rows.add(
                    Model.of(
                            "sid", v.sid(),
                            "version", v.version(),
                            "changelog", v.changelog(),
                            "private", v.requiresAuthorization(),
                            "validated", v.validated(),
                            "archived", v.archived(),
                            "url", v.pluginUrl(),
                            "created", Model.time(v.dateCreated()),
                            "releases", carried,
                            "active",
                                    carried.stream()
                                            .anyMatch(r -> Boolean.TRUE.equals(r.get("active")))));
        }
        return Model.of(
                "plugin",
                Model.of(
                        "sid", p.sid(),
                        "uniqueName", p.uniqueName(),
                        "friendlyName", p.friendlyName(),
                        "description", p.description(),
                        "archived", p.archived(),
                        "created", Model.time(p.dateCreated()),
                        "updated", Model.time(p.dateUpdated()),
                        "active",
                                rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("active")))),
                "versions",
                rows,
                "moreVersions",
                versions.size() > MAX_ROWS,
                "asOf",
                asOf == null ? null : Model.time(asOf));
    }

    Map<String, Object> version(CallContext ctx, String pluginSid, String versionSid) {
        Plugin p = plugins.fetchPlugin(ctx, pluginSid);
        PluginVersion v = plugins.fetchVersion(ctx, p.sid(), versionSid);
        return Model.of(
                "plugin",
                Model.of("sid", p.sid(), "uniqueName", p.uniqueName()),
                "version",
                Model.of("sid", v.sid(), "version", v.version(), "archived", v.archived()));
    }

    // --- Releases and configurations -----------------------------------------------------------

    Map<String, Object> releases(CallContext ctx) {
        List<Release> releases = upTo(MAX_ROWS, r -> configurations.listReleases(ctx, r, null));
        Map<String, Map<String, Object>> configs = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_ROWS, releases.size()); i++) {
            Release release = releases.get(i);
            Map<String, Object> configuration =
                    configs.computeIfAbsent(release.configurationSid(), c -> configuration(ctx, c));
            rows.add(
                    Model.of(
                            "sid", release.sid(),
                            "active", i == 0,
                            "created", Model.time(release.dateCreated()),
                            "configuration", configuration,
                            "request", Browser.formRequestId()));
        }
        return Model.of("releases", rows, "more", releases.size() > MAX_ROWS);
    }

    Map<String, Object> configuration(CallContext ctx, String sid) {
        Configuration c = configurations.fetchConfiguration(ctx, sid, null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConfiguredPlugin p : configured(ctx, c.sid())) {
            rows.add(
                    Model.of(
                            "pluginSid", p.pluginSid(),
                            "versionSid", p.pluginVersionSid(),
                            "name", p.uniqueName(),
                            "version", p.version(),
                            "phase", p.phase(),
                            "private", p.requiresAuthorization(),
                            "url", p.pluginUrl(),
                            "versionArchived", p.pluginVersionArchived()));
        }
        return Model.of(
                "sid", c.sid(),
                "name", c.name(),
                "description", c.description(),
                "archived", c.archived(),
                "created", Model.time(c.dateCreated()),
                "plugins", rows);
    }

    List<Map<String, Object>> configurationList(CallContext ctx) {
        List<Configuration> all =
                upTo(MAX_ROWS, r -> configurations.listConfigurations(ctx, r, null));
        Optional<String> active = configurations.activeRelease(ctx).map(Release::configurationSid);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Configuration c : all.subList(0, Math.min(MAX_ROWS, all.size()))) {
            rows.add(
                    Model.of(
                            "sid", c.sid(),
                            "name", c.name(),
                            "description", c.description(),
                            "archived", c.archived(),
                            "active", active.map(c.sid()::equals).orElse(false),
                            "created", Model.time(c.dateCreated())));
        }
        return rows;
    }

    Map<String, Object> diff(CallContext ctx, String fromSid, String toSid) {
        Configuration from = configurations.fetchConfiguration(ctx, fromSid, null);
        Configuration to = configurations.fetchConfiguration(ctx, toSid, null);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Diff.Line line :
                Diff.between(configured(ctx, from.sid()), configured(ctx, to.sid()))) {
            lines.add(
                    Model.of(
                            "change",
                                    line.change().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            "kind", line.change().name().toLowerCase(Locale.ROOT),
                            "pluginSid", line.pluginSid(),
                            "name", line.name(),
                            "fromVersion", line.fromVersion(),
                            "toVersion", line.toVersion(),
                            "fromPhase", line.fromPhase(),
                            "toPhase", line.toPhase()));
        }
        return Model.of(
                "from", Model.of("sid", from.sid(), "name", from.name()),
                "to", Model.of("sid", to.sid(), "name", to.name()),
                "lines", lines);
    }

    // --- History and activity ------------------------------------------------------------------

    /** The newest events (of one resource, or of the account), newest first, before a position. */
    Map<String, Object> history(CallContext ctx, String resource, Long before) {
        AuditTrail.EventPage page =
                audit.feed(
                        ctx,
                        resource,
                        null,
                        null,
                        before == null ? Long.MAX_VALUE : before,
                        HISTORY_PAGE);
        List<Map<String, Object>> rows = new ArrayList<>();
        long newest = 0;
        for (AuditEvent e : page.events()) {
            rows.add(0, event(e));
            newest = Math.max(newest, e.position());
        }
        if (before == null && page.events().isEmpty()) {
            newest = 0;
        }
        return Model.of(
                "events", rows,
                "resource", resource,
                "newest", newest,
                "older", page.previousBefore(),
                "live", before == null);
    }

    /** Events after {@code after}, newest first (the live timeline's update). */
    Map<String, Object> historyAfter(CallContext ctx, String resource, long after) {
        AuditTrail.EventPage page = audit.feed(ctx, resource, null, after, null, HISTORY_PAGE);
        List<Map<String, Object>> rows = new ArrayList<>();
        long newest = after;
        for (AuditEvent e : page.events()) {
            rows.add(0, event(e));
            newest = Math.max(newest, e.position());
        }
        return Model.of("events", rows, "resource", resource, "newest", newest);
    }

    private Map<String, Object> event(AuditEvent e) {
        Map<String, ?> meta = e.metadata();
        List<Map<String, Object>> changes = new ArrayList<>();
        Object payload = e.payload();
        if (payload != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.convertValue(payload, LinkedHashMap.class);
            fields.forEach(
                    (name, value) -> {
                        if (value != null
                                && !name.equals("accountSid")
                                && !value.equals(e.resourceSid())) {
                            String text = value instanceof String s ? s : writeJson(value);
                            if (text.length() > 300) {
                                text = text.substring(0, 300) + "…";
                            }
                            changes.add(Model.of("name", name, "value", text));
                        }
                    });
        }
        return Model.of(
                "position", e.position(),
                "type", e.type(),
                "resource", e.resourceSid(),
                "link", link(e.resourceSid()),
                "time", Model.time(e.occurredAt()),
                "actor", meta.get(AuditMetadata.ACTOR),
                "channel", meta.get(AuditMetadata.CHANNEL),
                "requestId", meta.get(AuditMetadata.REQUEST_ID),
                "changes", changes);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    static String link(String sid) {
        if (sid == null || sid.length() < 2) {
            return null;
        }
        return switch (sid.substring(0, 2)) {
            case "FP" -> "/console/plugins/" + sid;
            case "FJ" -> "/console/configurations/" + sid;
            case "FK" -> "/console/releases#" + sid;
            default -> "/console/history?resource=" + sid;
        };
    }

    /** Releases and new versions per day (UTC) over the last {@link #ACTIVITY_DAYS} days. */
    Map<String, Object> activity(CallContext ctx) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(ACTIVITY_DAYS - 1);
        Map<LocalDate, int[]> days = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            days.put(d, new int[2]);
        }
        count(ctx, "release.created", 0, days, first);
        count(ctx, "plugin_version.created", 1, days, first);
        List<Map<String, Object>> rows = new ArrayList<>();
        int releases = 0;
        int versions = 0;
        for (Map.Entry<LocalDate, int[]> day : days.entrySet()) {
            rows.add(
                    Model.of(
                            "day",
                            day.getKey().toString(),
                            "releases",
                            day.getValue()[0],
                            "versions",
                            day.getValue()[1]));
            releases += day.getValue()[0];
            versions += day.getValue()[1];
        }
        return Model.of(
                "days",
                rows,
                "releases",
                releases,
                "versions",
                versions,
                "labels",
                rows.stream().map(r -> (String) r.get("day")).collect(Collectors.joining(",")),
                "releaseCounts",
                rows.stream()
                        .map(r -> r.get("releases").toString())
                        .collect(Collectors.joining(",")),
                "versionCounts",
                rows.stream()
                        .map(r -> r.get("versions").toString())
                        .collect(Collectors.joining(",")));
    }

    private void count(
            CallContext ctx, String type, int column, Map<LocalDate, int[]> days, LocalDate first) {
        Long before = Long.MAX_VALUE;
        // Newest first, page by page, until the events are older than the window (or 50 pages).
        for (int pages = 0; pages < 50 && before != null; pages++) {
            AuditTrail.EventPage page =
                    audit.feed(ctx, null, type, null, before, PageRequest.MAX_PAGE_SIZE);
            boolean older = false;
            for (AuditEvent e : page.events()) {
                LocalDate day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
                int[] counts = days.get(day);
                if (counts != null) {
                    counts[column]++;
                } else if (day.isBefore(first)) {
                    older = true;
                }
            }
            if (older || page.events().isEmpty()) {
                return;
            }
            before = page.previousBefore();
        }
    }
}
