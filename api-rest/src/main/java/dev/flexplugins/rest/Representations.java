package dev.flexplugins.rest;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.flexplugins.application.FlexConfigurations;
import dev.flexplugins.application.Page;
import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.application.Resources.Configuration;
import dev.flexplugins.application.Resources.ConfiguredPlugin;
import dev.flexplugins.application.Resources.Plugin;
import dev.flexplugins.application.Resources.PluginVersion;
import dev.flexplugins.application.Resources.Release;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the contract: snake_case fields, ISO-8601 seconds, absolute URLs. */
final class Representations {
    static final String BASE_PATH = ResourceUrls.BASE_PATH;

    private Representations() {}

    static Map<String, Object> plugin(Plugin p, String base) {
        String url = ResourceUrls.plugin(base, p.sid());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", p.sid());
        m.put("account_sid", p.accountSid());
        m.put("unique_name", p.uniqueName());
        m.put("friendly_name", p.friendlyName());
        m.put("description", p.description());
        m.put("archived", p.archived());
        m.put("date_created", date(p.dateCreated()));
        m.put("date_updated", date(p.dateUpdated()));
        m.put("url", url);
        m.put("links", Map.of("plugin_versions", ResourceUrls.pluginVersions(base, p.sid())));
        return m;
    }

    static Map<String, Object> version(PluginVersion v, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", v.sid());
        m.put("account_sid", v.accountSid());
        m.put("plugin_sid", v.pluginSid());
        m.put("version", v.version());
        m.put("plugin_url", v.pluginUrl());
        m.put("changelog", v.changelog());
        m.put("private", v.requiresAuthorization());
        m.put("archived", v.archived());
        m.put("validated", v.validated());
        m.put("date_created", date(v.dateCreated()));
        m.put("url", ResourceUrls.pluginVersion(base, v.pluginSid(), v.sid()));
        return m;
    }

    /**
     * {@link #version} as a {@link Json.Written}: the same fields in the same order, written
     * without building the map (a page of 50 versions built 50 maps to walk them once).
     */
    static Json.Written versionWritten(PluginVersion v, String base) {
        return g -> {
            g.writeStartObject();
            g.writeFieldName(VersionFields.SID);
            g.writeString(v.sid());
            g.writeFieldName(VersionFields.ACCOUNT_SID);
            g.writeString(v.accountSid());
            g.writeFieldName(VersionFields.PLUGIN_SID);
            g.writeString(v.pluginSid());
            g.writeFieldName(VersionFields.VERSION);
            g.writeString(v.version());
            g.writeFieldName(VersionFields.PLUGIN_URL);
            g.writeString(v.pluginUrl());
            g.writeFieldName(VersionFields.CHANGELOG);
            g.writeString(v.changelog());
            g.writeFieldName(VersionFields.PRIVATE);
            g.writeBoolean(v.requiresAuthorization());
            g.writeFieldName(VersionFields.ARCHIVED);
            g.writeBoolean(v.archived());
            g.writeFieldName(VersionFields.VALIDATED);
            g.writeBoolean(v.validated());
            g.writeFieldName(VersionFields.DATE_CREATED);
            g.writeString(date(v.dateCreated()));
            g.writeFieldName(VersionFields.URL);
            g.writeString(ResourceUrls.pluginVersion(base, v.pluginSid(), v.sid()));
            g.writeEndObject();
        };
    }

    /** The names {@link #version} uses, encoded once. */
    private static final class VersionFields {
        static final SerializedString SID = new SerializedString("sid");
        static final SerializedString ACCOUNT_SID = new SerializedString("account_sid");
        static final SerializedString PLUGIN_SID = new SerializedString("plugin_sid");
        static final SerializedString VERSION = new SerializedString("version");
        static final SerializedString PLUGIN_URL = new SerializedString("plugin_url");
        static final SerializedString CHANGELOG = new SerializedString("changelog");
        static final SerializedString PRIVATE = new SerializedString("private");
        static final SerializedString ARCHIVED = new SerializedString("archived");
        static final SerializedString VALIDATED = new SerializedString("validated");
        static final SerializedString DATE_CREATED = new SerializedString("date_created");
        static final SerializedString URL = new SerializedString("url");

        private VersionFields() {}
    }

    static Map<String, Object> configuration(Configuration c, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", c.sid());
        m.put("account_sid", c.accountSid());
        m.put("name", c.name());
        m.put("description", c.description());
        m.put("archived", c.archived());
        m.put("date_created", date(c.dateCreated()));
        m.put("url", ResourceUrls.configuration(base, c.sid()));
        m.put("links", Map.of("plugins", ResourceUrls.configuredPlugins(base, c.sid())));
        return m;
    }

    static Map<String, Object> configuredPlugin(ConfiguredPlugin p, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", p.accountSid());
        m.put("configuration_sid", p.configurationSid());
        m.put("plugin_sid", p.pluginSid());
        m.put("plugin_version_sid", p.pluginVersionSid());
        m.put("phase", p.phase());
        m.put("plugin_url", p.pluginUrl());
        m.put("unique_name", p.uniqueName());
        m.put("friendly_name", p.friendlyName());
        m.put("description", p.description());
        m.put("plugin_archived", p.pluginArchived());
        m.put("version", p.version());
        m.put("changelog", p.changelog());
        m.put("plugin_version_archived", p.pluginVersionArchived());
        m.put("private", p.requiresAuthorization());
        m.put("date_created", date(p.dateCreated()));
        m.put("url", ResourceUrls.configuredPlugin(base, p.configurationSid(), p.pluginSid()));
        return m;
    }

    static Map<String, Object> release(Release r, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", r.sid());
        m.put("account_sid", r.accountSid());
        m.put("configuration_sid", r.configurationSid());
        m.put("date_created", date(r.dateCreated()));
        m.put("url", ResourceUrls.release(base, r.sid()));
        return m;
    }

    /**
     * A list page with every {@code meta} key the Java SDK requires. {@code path} is the list's
     * path under the base URL; page URLs carry PageSize, Page and (past the first page) PageToken.
     */
    static <T> Map<String, Object> list(
            String key,
            Page<T> page,
            String currentToken,
            String base,
            String path,
            String extraQuery,
            Function<T, ?> item) {
        String listUrl = base + path;
        List<?> items = page.items().stream().map(item).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", page.page());
        meta.put("page_size", page.pageSize());
        meta.put("first_page_url", pageUrl(listUrl, page.pageSize(), 0, null) + extraQuery);
        meta.put(
                "previous_page_url",
                page.previousPageToken() == null
                        ? null
                        : pageUrl(
                                        listUrl,
                                        page.pageSize(),
                                        Math.max(0, page.page() - 1),
                                        page.previousPageToken())
                                + extraQuery);
        meta.put("url", pageUrl(listUrl, page.pageSize(), page.page(), currentToken) + extraQuery);
        meta.put(
                "next_page_url",
                page.nextPageToken() == null
                        ? null
                        : pageUrl(listUrl, page.pageSize(), page.page() + 1, page.nextPageToken())
                                + extraQuery);
        meta.put("key", key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, items);
        body.put("meta", meta);
        return body;
    }

    private static String pageUrl(String listUrl, int pageSize, int page, String token) {
        String url = listUrl + "?PageSize=" + pageSize + "&Page=" + page;
        return token == null
                ? url
                : url + "&PageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The AsOf parameter to carry into page URLs, or nothing. */
    static String asOfQuery(Instant asOf) {
        return asOf == null ? "" : "&AsOf=" + DateTimeFormatter.ISO_INSTANT.format(asOf);
    }

    /** Flex's account Configuration, with the fields the Flex Plugins CLI and SDKs read. */
    static Map<String, Object> flexConfiguration(FlexConfigurations.State state, String base) {
        var c = state.configuration();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", c.accountSid());
        m.put("date_created", date(state.dateCreated()));
        m.put("date_updated", date(state.dateUpdated()));
        m.put("serverless_service_sids", c.serverlessServiceSids());
        m.put("ui_version", c.uiVersion());
        m.put("ui_dependencies", c.uiDependencies());
        m.put("plugin_service_enabled", c.pluginServiceEnabled());
        m.put("plugin_service_attributes", null);
        m.put("status", "ok");
        m.put("url", base + "/v1/Configuration");
        return m;
    }

    /**
     * ISO-8601 to the second in UTC ({@code 2026-11-29T17:23:05Z}), as {@link
     * DateTimeFormatter#ISO_INSTANT} writes a truncated instant; written directly for years 0 to
     * 9999 (a page of 50 versions formats 50 dates, which the formatter took 8 us for).
     */
    static String date(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        char[] c = new char[20];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = 'Z';
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
