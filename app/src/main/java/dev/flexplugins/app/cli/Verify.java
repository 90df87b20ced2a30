package dev.flexplugins.app.cli;

import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.projections.ConfigurationProjection;
import dev.flexplugins.projections.PluginProjection;
import dev.flexplugins.projections.PluginVersionProjection;
import dev.flexplugins.projections.ResourceFold;
import dev.flexplugins.projections.ViewSql;
import dev.flexplugins.projections.model.ConfigurationView;
import dev.flexplugins.projections.model.ConfiguredPluginView;
import dev.flexplugins.projections.model.LoggedEvent;
import dev.flexplugins.projections.model.PluginVersionView;
import dev.flexplugins.projections.model.PluginView;
import dev.flexplugins.projections.model.ReleaseView;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * {@code verify}: folds every resource from the log and compares it with its view row; checks each
 * resource's hash chain over the stored rows; checks the feed against the events. Prints every
 * difference and returns 1 if there is any.
 */
final class Verify {

    private final ConnectionProvider connections;
    private final AxonEventStorage engine;
    private final PrintStream out;
    private int differences;

    Verify(ConnectionProvider connections, AxonEventStorage engine, PrintStream out) {
        this.connections = connections;
        this.engine = engine;
        this.out = out;
    }

    int run() throws SQLException, IOException {
        long events = foldAndCompareViews();
        long chained = checkChains();
        checkFeed();
        out.printf(
                "verify: %d events, %d chained, %d difference%s%n",
                events, chained, differences, differences == 1 ? "" : "s");
        return differences == 0 ? 0 : 1;
    }

    // --- views ---------------------------------------------------------------------------------

    private long foldAndCompareViews() {
        ResourceFold fold = new ResourceFold();
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
            for (Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
                    it.hasNext(); ) {
                TrackedEventMessage<?> m = it.next();
                DomainEventMessage<?> d = (DomainEventMessage<?>) m;
                fold.apply(
                        new LoggedEvent(
                                null,
                                ((Number) m.getMetaData().get(ViewSql.GLOBAL_INDEX_HINT))
                                        .longValue(),
                                d.getSequenceNumber(),
                                d.getAggregateIdentifier(),
                                "",
                                m.getTimestamp(),
                                m.getMetaData(),
                                m.getPayload()));
                count++;
            }
        }
        compareStreaming(
                "plugin",
                fold.plugins(),
                new PluginProjection(connections)::forEach,
                PluginView::sid,
                Verify::pluginFields);
        compareStreaming(
                "plugin_version",
                fold.versions(),
                new PluginVersionProjection(connections)::forEach,
                PluginVersionView::sid,
                Verify::versionFields);
        ConfigurationProjection configurations = new ConfigurationProjection(connections);
        compare(
                "configuration",
                fold.configurations(),
                index(configurations.allConfigurations(), ConfigurationView::sid),
                Verify::configurationFields);
        compare(
                "release",
                fold.releases(),
                index(configurations.allReleases(), ReleaseView::sid),
                Verify::releaseFields);
        Map<String, String> configuredFromLog = new LinkedHashMap<>();
        fold.configured()
                .forEach(
                        (config, plugins) -> {
                            for (int i = 0; i < plugins.size(); i++) {
                                var p = plugins.get(i);
                                String row =
                                        config
                                                + "|"
                                                + p.pluginSid()
                                                + "|"
                                                + p.pluginVersionSid()
                                                + "|"
                                                + p.phase()
                                                + "|"
                                                + ConfiguredPluginView.listKey(i);
                                configuredFromLog.put(row, row);
                            }
                        });
        Map<String, String> configuredInView = new LinkedHashMap<>();
        configurations.allConfiguredRows().forEach(r -> configuredInView.put(r, r));
        compare(
                "configured_plugin",
                configuredFromLog,
                configuredInView,
                row -> Map.of("row", row));
        return count;
    }

    /**
     * Compares view rows as they stream in with the folded resources, dropping each matched one, so
     * memory holds the fold and not the view as well.
     */
    private <T> void compareStreaming(
            String kind,
            Map<String, T> fromLog,
            Consumer<Consumer<T>> rows,
            Function<T, String> sid,
            Function<T, Map<String, Object>> fields) {
        rows.accept(
                actual -> {
                    T expected = fromLog.remove(sid.apply(actual));
                    if (expected == null) {
                        report(
                                "view %s_view has a row for %s %s, which the log does not have",
                                kind, kind, sid.apply(actual));
                        return;
                    }
                    Map<String, Object> e = fields.apply(expected);
                    Map<String, Object> a = fields.apply(actual);
                    e.forEach(
                            (field, value) -> {
                                if (!Objects.equals(value, a.get(field))) {
                                    report(
                                            "view %s_view, %s %s, %s: view has %s, log says %s",
                                            kind,
                                            kind,
                                            sid.apply(actual),
                                            field,
                                            quote(a.get(field)),
                                            quote(value));
                                }
                            });
                });
        for (String missing : new TreeSet<>(fromLog.keySet())) {
            report("view %s_view has no row for %s %s, which the log has", kind, kind, missing);
        }
    }

    private <T> void compare(
            String kind,
            Map<String, T> fromLog,
            Map<String, T> fromView,
            Function<T, Map<String, Object>> fields) {
        TreeSet<String> sids = new TreeSet<>(fromLog.keySet());
        sids.addAll(fromView.keySet());
        for (String sid : sids) {
            T expected = fromLog.get(sid);
            T actual = fromView.get(sid);
            if (actual == null) {
                report("view %s_view has no row for %s %s, which the log has", kind, kind, sid);
            } else if (expected == null) {
                report(
                        "view %s_view has a row for %s %s, which the log does not have",
                        kind, kind, sid);
            } else {
                Map<String, Object> e = fields.apply(expected);
                Map<String, Object> a = fields.apply(actual);
                e.forEach(
                        (field, value) -> {
                            if (!Objects.equals(value, a.get(field))) {
                                report(
                                        "view %s_view, %s %s, %s: view has %s, log says %s",
                                        kind, kind, sid, field, quote(a.get(field)), quote(value));
                            }
                        });
            }
        }
    }

    private static Map<String, Object> pluginFields(PluginView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", p.accountSid());
        m.put("unique_name", p.uniqueName());
        m.put("friendly_name", p.friendlyName());
        m.put("description", p.description());
        m.put("archived", p.archived());
        m.put("date_created", millis(p.dateCreated()));
        m.put("date_updated", millis(p.dateUpdated()));
        m.put("list_key", p.listKey());
        return m;
    }

    private static Map<String, Object> versionFields(PluginVersionView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", v.accountSid());
        m.put("plugin_sid", v.pluginSid());
        m.put("version", v.version());
        m.put("plugin_url", v.pluginUrl());
        m.put("changelog", v.changelog());
        m.put("private", v.requiresAuthorization());
        m.put("archived", v.archived());
        m.put("validated", v.validated());
        m.put("cli_version", v.cliVersion());
        m.put("validate_status", v.validateStatus());
        m.put("date_created", millis(v.dateCreated()));
        m.put("list_key", v.listKey());
        return m;
    }

    private static Map<String, Object> configurationFields(ConfigurationView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", c.accountSid());
        m.put("name", c.name());
        m.put("description", c.description());
        m.put("archived", c.archived());
        m.put("date_created", millis(c.dateCreated()));
        m.put("list_key", c.listKey());
        return m;
    }

    private static Map<String, Object> releaseFields(ReleaseView r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", r.accountSid());
        m.put("configuration_sid", r.configurationSid());
        m.put("date_created", millis(r.dateCreated()));
        m.put("list_key", r.listKey());
        return m;
    }

    // --- hash chains ---------------------------------------------------------------------------

    /** Each resource's hash chain, recomputed by the event store from the stored rows. */
    private long checkChains() {
        return engine.store().checkChains(problem -> report("%s", problem));
    }

    // --- feed ----------------------------------------------------------------------------------

    private void checkFeed() {
        long unpositioned = engine.store().checkFeed(problem -> report("%s", problem));
        if (unpositioned > 0) {
            out.printf(
                    "verify: note: %d events are not in the feed yet (the running service's sequencer"
                            + " positions them within moments)%n",
                    unpositioned);
        }
    }

    private void report(String format, Object... args) {
        differences++;
        out.println("DIFF " + String.format(format, args));
    }

    private static <T> Map<String, T> index(List<T> rows, Function<T, String> sid) {
        Map<String, T> map = new LinkedHashMap<>();
        rows.forEach(r -> map.put(sid.apply(r), r));
        return map;
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
