package dev.flexplugins.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flexplugins.application.Resources.ConfiguredPlugin;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {
    static ConfiguredPlugin row(String plugin, String versionSid, String version, int phase) {
        return new ConfiguredPlugin(
                "AC1",
                "FJ1",
                plugin,
                versionSid,
                phase,
                "https://a.example/p.js",
                plugin + "-name",
                null,
                null,
                false,
                version,
                null,
                false,
                false,
                Instant.EPOCH);
    }

    @Test
    void namesEveryKindOfChangePluginByPlugin() {
        List<Diff.Line> lines =
                Diff.between(
                        List.of(
                                row("FPa", "FVa1", "1.0.0", 3),
                                row("FPb", "FVb1", "2.0.0", 3),
                                row("FPc", "FVc1", "3.0.0", 3),
                                row("FPd", "FVd1", "4.0.0", 3)),
                        List.of(
                                row("FPa", "FVa2", "1.1.0", 3),
                                row("FPb", "FVb1", "2.0.0", 5),
                                row("FPc", "FVc1", "3.0.0", 3),
                                row("FPe", "FVe1", "5.0.0", 3)));
        assertEquals(
                List.of(
                        "FPa VERSION_CHANGED 1.0.0->1.1.0 3->3",
                        "FPb PHASE_CHANGED 2.0.0->2.0.0 3->5",
                        "FPc UNCHANGED 3.0.0->3.0.0 3->3",
                        "FPd REMOVED 4.0.0->null 3->null",
                        "FPe ADDED null->5.0.0 null->3"),
                lines.stream()
                        .map(
                                l ->
                                        l.pluginSid()
                                                + " "
                                                + l.change()
                                                + " "
                                                + l.fromVersion()
                                                + "->"
                                                + l.toVersion()
                                                + " "
                                                + l.fromPhase()
                                                + "->"
                                                + l.toPhase())
                        .toList());
    }
}
