package dev.flexplugins.console;

import dev.flexplugins.application.Resources.ConfiguredPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed from one configuration to another, plugin by plugin, as {@code twilio
 * flex:plugins:diff} shows it: added, removed, version changed, phase changed, unchanged.
 */
final class Diff {
    enum Change {
        ADDED,
        REMOVED,
        VERSION_CHANGED,
        PHASE_CHANGED,
        UNCHANGED
    }

    record Line(
            Change change,
            String pluginSid,
            String name,
            String fromVersion,
            String toVersion,
            Integer fromPhase,
            Integer toPhase) {}

    private Diff() {}

    static List<Line> between(List<ConfiguredPlugin> from, List<ConfiguredPlugin> to) {
        Map<String, ConfiguredPlugin> before = byPlugin(from);
        Map<String, ConfiguredPlugin> after = byPlugin(to);
        List<Line> lines = new ArrayList<>();
        for (ConfiguredPlugin a : before.values()) {
            ConfiguredPlugin b = after.get(a.pluginSid());
            if (b == null) {
                lines.add(
                        new Line(
                                Change.REMOVED,
                                a.pluginSid(),
                                a.uniqueName(),
                                a.version(),
                                null,
                                a.phase(),
                                null));
            } else {
                Change change =
                        !a.pluginVersionSid().equals(b.pluginVersionSid())
                                ? Change.VERSION_CHANGED
                                : a.phase() != b.phase() ? Change.PHASE_CHANGED : Change.UNCHANGED;
                lines.add(
                        new Line(
                                change,
                                a.pluginSid(),
                                b.uniqueName(),
                                a.version(),
                                b.version(),
                                a.phase(),
                                b.phase()));
            }
        }
        for (ConfiguredPlugin b : after.values()) {
            if (!before.containsKey(b.pluginSid())) {
                lines.add(
                        new Line(
                                Change.ADDED,
                                b.pluginSid(),
                                b.uniqueName(),
                                null,
                                b.version(),
                                null,
                                b.phase()));
            }
        }
        return lines;
    }

    private static Map<String, ConfiguredPlugin> byPlugin(List<ConfiguredPlugin> rows) {
        Map<String, ConfiguredPlugin> map = new LinkedHashMap<>();
        for (ConfiguredPlugin row : rows) {
            map.put(row.pluginSid(), row);
        }
        return map;
    }
}
