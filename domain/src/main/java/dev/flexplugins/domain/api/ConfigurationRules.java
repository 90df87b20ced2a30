package dev.flexplugins.domain.api;

import java.util.List;

/** The input rules of configurations and releases (limits documented in the README). */
public final class ConfigurationRules {
    public static final int NAME_MAX = 255;
    public static final int DESCRIPTION_MAX = 4096;
    public static final int PLUGINS_MAX = 100;
    public static final int PHASE_MIN = 0;
    public static final int PHASE_MAX = 100;
    public static final int DEFAULT_PHASE = 3;

    private ConfigurationRules() {}

    public static void name(String value) {
        if (value == null || value.isBlank()) {
            throw PluginServiceException.missing(Field.NAME);
        }
        text(Field.NAME, value, NAME_MAX);
    }

    public static void description(String value) {
        if (value != null) {
            text(Field.DESCRIPTION, value, DESCRIPTION_MAX);
        }
    }

    public static void plugins(List<ConfigurationCommands.PluginEntry> plugins) {
        if (plugins.size() > PLUGINS_MAX) {
            throw PluginServiceException.invalid(
                    Field.PLUGINS, "A configuration holds at most " + PLUGINS_MAX + " plugins");
        }
        for (ConfigurationCommands.PluginEntry entry : plugins) {
            if (!Sids.isSid(Sids.PLUGIN_VERSION, entry.pluginVersionSid())) {
                throw PluginServiceException.invalid(
                        Field.PLUGINS,
                        input ->
                                "Each entry of "
                                        + input
                                        + " needs plugin_version, a Plugin Version SID (FV…)");
            }
            if (entry.phase() != null && (entry.phase() < PHASE_MIN || entry.phase() > PHASE_MAX)) {
                throw PluginServiceException.invalid(
                        Field.PLUGINS, "phase must be between " + PHASE_MIN + " and " + PHASE_MAX);
            }
        }
    }

    private static void text(Field field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw PluginServiceException.invalid(
                    field, input -> input + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                throw PluginServiceException.invalid(
                        field, input -> input + " must not contain control characters");
            }
        }
    }
}
