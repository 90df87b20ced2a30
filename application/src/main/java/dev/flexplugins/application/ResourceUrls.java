package dev.flexplugins.application;

/** The absolute REST URLs of resources, which both facades report. */
public final class ResourceUrls {
    public static final String BASE_PATH = "/v1/PluginService";

    private ResourceUrls() {}

    /**
     * A configured public base URL ({@code FLEX_PUBLIC_BASE_URL}) without its trailing slash, or
     * null when unset.
     */
    public static String configuredBase(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        return configured.endsWith("/")
                ? configured.substring(0, configured.length() - 1)
                : configured;
    }

    public static String plugin(String base, String pluginSid) {
        return base + BASE_PATH + "/Plugins/" + pluginSid;
    }

    public static String pluginVersions(String base, String pluginSid) {
        return plugin(base, pluginSid) + "/Versions";
    }

    public static String configuration(String base, String sid) {
        return base + BASE_PATH + "/Configurations/" + sid;
    }

    public static String configuredPlugins(String base, String configurationSid) {
        return configuration(base, configurationSid) + "/Plugins";
    }

    public static String configuredPlugin(String base, String configurationSid, String pluginSid) {
        return configuredPlugins(base, configurationSid) + "/" + pluginSid;
    }

    public static String release(String base, String sid) {
        return base + BASE_PATH + "/Releases/" + sid;
    }

    public static String event(String base, long position) {
        return base + BASE_PATH + "/Events/" + position;
    }

    public static String pluginVersion(String base, String pluginSid, String versionSid) {
        return pluginVersions(base, pluginSid) + "/" + versionSid;
    }
}
