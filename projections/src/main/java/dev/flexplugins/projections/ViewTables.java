package dev.flexplugins.projections;

import java.util.List;

/**
 * Which physical tables a projection writes: the live views, or the {@code _rebuild} twins that
 * {@code replay} fills from the log before swapping names.
 */
public enum ViewTables {
    LIVE(""),
    REBUILD("_rebuild");

    /** Every view table the projections own (each has a twin). */
    public static final List<String> ALL =
            List.of(
                    "plugin_view",
                    "plugin_version_view",
                    "request_log",
                    "configuration_view",
                    "configured_plugin_view",
                    "release_view");

    private final String suffix;

    ViewTables(String suffix) {
        this.suffix = suffix;
    }

    public String name(String view) {
        return view + suffix;
    }
}
