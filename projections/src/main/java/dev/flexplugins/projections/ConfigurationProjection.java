package dev.flexplugins.projections;

import dev.flexplugins.domain.api.ActiveRelease;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationArchived;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfiguredPlugin;
import dev.flexplugins.domain.api.ConfigurationEvents.ReleaseCreated;
import dev.flexplugins.projections.model.ConfigurationView;
import dev.flexplugins.projections.model.ConfiguredPluginView;
import dev.flexplugins.projections.model.Owned;
import dev.flexplugins.projections.model.ReleaseView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;

/**
 * The {@code configuration_view}, {@code configured_plugin_view} and {@code release_view} tables,
 * written from configuration and release events. Configured plugins are read joined with the plugin
 * and version views, so they show those resources' current state.
 */
public class ConfigurationProjection implements ActiveRelease {
    private static final String CONFIG_COLUMNS =
            "sid, account_sid, name, description, archived, date_created, list_key";
    private static final String RELEASE_COLUMNS =
            "sid, account_sid, configuration_sid, date_created, list_key";

    private final ViewSql jdbc;
    private final String configurations;
    private final String configured;
    private final String releases;
    private final String plugins;
    private final String versions;
    private final boolean live;

    public ConfigurationProjection(ConnectionProvider connections) {
        this(connections, ViewTables.LIVE);
    }

    public ConfigurationProjection(ConnectionProvider connections, ViewTables tables) {
        this.jdbc = new ViewSql(connections, tables == ViewTables.REBUILD);
        this.configurations = tables.name("configuration_view");
        this.configured = tables.name("configured_plugin_view");
        this.releases = tables.name("release_view");
        this.plugins = tables.name("plugin_view");
        this.versions = tables.name("plugin_version_view");
        this.live = tables == ViewTables.LIVE;
    }

    @EventHandler
    void on(ConfigurationCreated event, EventMessage<?> message, @Timestamp Instant at) {
        jdbc.update(
                Sql.of(
                                "INSERT INTO "
                                        + configurations
                                        + " ("
                                        + CONFIG_COLUMNS
                                        + ") VALUES (?, ?, ?, ?, FALSE, ?, ",
                                event.configurationSid(),
                                event.accountSid(),
                                event.name(),
                                event.description(),
                                at)
                        .then("?)", ViewSql.globalIndex(message)));
        int ordinal = 0;
        for (ConfiguredPlugin plugin : event.plugins()) {
            jdbc.update(
                    "INSERT INTO "
                            + configured
                            + " (configuration_sid, plugin_sid, plugin_version_sid, phase,"
                            + " account_sid, date_created, list_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    event.configurationSid(),
                    plugin.pluginSid(),
                    plugin.pluginVersionSid(),
                    plugin.phase(),
                    event.accountSid(),
                    at,
                    ConfiguredPluginView.listKey(ordinal));
            ordinal++;
        }
        committedConfiguration(message, event.configurationSid());
    }

    @EventHandler
    void on(ConfigurationArchived event, EventMessage<?> message) {
        jdbc.update(
                "UPDATE " + configurations + " SET archived = TRUE WHERE sid = ?",
                event.configurationSid());
        committedConfiguration(message, event.configurationSid());
    }

    @EventHandler
    void on(ReleaseCreated event, EventMessage<?> message, @Timestamp Instant at) {
        jdbc.update(
                Sql.of(
                                "INSERT INTO "
                                        + releases
                                        + " ("
                                        + RELEASE_COLUMNS
                                        + ") VALUES (?, ?, ?, ?, ",
                                event.releaseSid(),
                                event.accountSid(),
                                event.configurationSid(),
                                at)
                        .then("?)", ViewSql.globalIndex(message)));
        if (live) {
            ViewReceipt.record(
                    message,
                    event.releaseSid(),
                    jdbc.queryOne(
                            "SELECT " + RELEASE_COLUMNS + " FROM " + releases + " WHERE sid = ?",
                            ConfigurationProjection::release,
                            event.releaseSid()));
        }
    }

    /** The row as this command's transaction wrote it: the command's answer (see ViewReceipt). */
    private void committedConfiguration(EventMessage<?> message, String sid) {
        if (live) {
            ViewReceipt.record(
                    message,
                    sid,
                    jdbc.queryOne(
                            "SELECT "
                                    + CONFIG_COLUMNS
                                    + " FROM "
                                    + configurations
                                    + " WHERE sid = ?",
                            ConfigurationProjection::config,
                            sid));
        }
    }

    // --- the active release, for the archive rules -------------------------------------------

    /**
     * The account's active release's configuration holds this plugin (read in the caller's
     * transaction).
     */
    @Override
    public boolean carriesPlugin(String accountSid, String pluginSid) {
        return !jdbc.query(activeReleaseHolds("plugin_sid", accountSid, pluginSid), rs -> 1)
                .isEmpty();
    }

    /** The account's active release's configuration holds this plugin version. */
    @Override
    public boolean carriesVersion(String accountSid, String pluginVersionSid) {
        return !jdbc.query(
                        activeReleaseHolds("plugin_version_sid", accountSid, pluginVersionSid),
                        rs -> 1)
                .isEmpty();
    }

    private Sql activeReleaseHolds(String column, String accountSid, String sid) {
        return Sql.of(
                "SELECT 1 FROM "
                        + configured
                        + " WHERE configuration_sid = (SELECT configuration_sid FROM "
                        + releases
                        + " WHERE account_sid = ? ORDER BY list_key DESC LIMIT 1) AND "
                        + column
                        + " = ?",
                accountSid,
                sid);
    }

    public Optional<ConfigurationView> configuration(String accountSid, String sid) {
        return jdbc.queryOne(
                        "SELECT " + CONFIG_COLUMNS + " FROM " + configurations + " WHERE sid = ?",
                        ConfigurationProjection::config,
                        sid)
                .filter(Owned.by(accountSid));
    }

    public Slice<ConfigurationView> configurations(
            String accountSid, Cursor cursor, int pageSize, Instant createdBy) {
        return KeysetPaging.of(
                jdbc,
                CONFIG_COLUMNS,
                configurations,
                "account_sid = ?",
                List.of(accountSid),
                createdBy,
                cursor,
                pageSize,
                ConfigurationProjection::config);
    }

    public List<ConfigurationView> allConfigurations() {
        return jdbc.query(
                "SELECT " + CONFIG_COLUMNS + " FROM " + configurations,
                ConfigurationProjection::config);
    }

    public Optional<ReleaseView> release(String accountSid, String sid) {
        return jdbc.queryOne(
                        "SELECT " + RELEASE_COLUMNS + " FROM " + releases + " WHERE sid = ?",
                        ConfigurationProjection::release,
                        sid)
                .filter(Owned.by(accountSid));
    }

    public Slice<ReleaseView> releases(
            String accountSid, Cursor cursor, int pageSize, Instant createdBy) {
        return KeysetPaging.of(
                jdbc,
                RELEASE_COLUMNS,
                releases,
                "account_sid = ?",
                List.of(accountSid),
                createdBy,
                cursor,
                pageSize,
                ConfigurationProjection::release);
    }

    public List<ReleaseView> allReleases() {
        return jdbc.query(
                "SELECT " + RELEASE_COLUMNS + " FROM " + releases,
                ConfigurationProjection::release);
    }

    private static final String CONFIGURED_SELECT =
            "SELECT cp.account_sid, cp.configuration_sid, cp.plugin_sid,"
                    + " cp.plugin_version_sid, cp.phase, v.plugin_url, p.unique_name, p.friendly_name, p.description,"
                    + " p.archived AS plugin_archived, v.version, v.changelog, v.archived AS version_archived,"
                    + " v.requires_authorization, cp.date_created, cp.list_key";

    private String configuredFrom() {
        return " FROM "
                + configured
                + " cp JOIN "
                + plugins
                + " p ON p.sid = cp.plugin_sid JOIN "
                + versions
                + " v ON v.sid = cp.plugin_version_sid";
    }

    public Optional<ConfiguredPluginView> configuredPlugin(
            String accountSid, String configurationSid, String pluginSid) {
        return jdbc.queryOne(
                        CONFIGURED_SELECT
                                + configuredFrom()
                                + " WHERE cp.configuration_sid = ? AND cp.plugin_sid = ?",
                        ConfigurationProjection::configured,
                        configurationSid,
                        pluginSid)
                .filter(Owned.by(accountSid));
    }

    public Slice<ConfiguredPluginView> configuredPlugins(
            String accountSid, String configurationSid, Cursor cursor, int pageSize) {
        return KeysetPaging.slice(
                cursor,
                pageSize,
                "cp.list_key",
                keyOrder ->
                        jdbc.query(
                                Sql.of(
                                                CONFIGURED_SELECT
                                                        + configuredFrom()
                                                        + " WHERE cp.configuration_sid = ? AND cp.account_sid = ?",
                                                configurationSid,
                                                accountSid)
                                        .then(keyOrder),
                                ConfigurationProjection::configured));
    }

    /** Every configured-plugin row as stored (without the joins), for {@code verify}. */
    public List<String> allConfiguredRows() {
        return jdbc.query(
                "SELECT configuration_sid, plugin_sid, plugin_version_sid, phase, list_key FROM "
                        + configured,
                rs ->
                        rs.getString(1)
                                + "|"
                                + rs.getString(2)
                                + "|"
                                + rs.getString(3)
                                + "|"
                                + rs.getInt(4)
                                + "|"
                                + rs.getLong(5));
    }

    private static ConfigurationView config(ResultSet rs) throws SQLException {
        return new ConfigurationView(
                rs.getString("sid"),
                rs.getString("account_sid"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getBoolean("archived"),
                ViewSql.instant(rs, "date_created"),
                rs.getLong("list_key"));
    }

    private static ReleaseView release(ResultSet rs) throws SQLException {
        return new ReleaseView(
                rs.getString("sid"),
                rs.getString("account_sid"),
                rs.getString("configuration_sid"),
                ViewSql.instant(rs, "date_created"),
                rs.getLong("list_key"));
    }

    private static ConfiguredPluginView configured(ResultSet rs) throws SQLException {
        return new ConfiguredPluginView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getBoolean(10),
                rs.getString(11),
                rs.getString(12),
                rs.getBoolean(13),
                rs.getBoolean(14),
                ViewSql.instant(rs, "date_created"),
                rs.getLong(16));
    }

    /** Sends the rows still batched (the replay's twins), before its transaction commits. */
    public void flush() {
        jdbc.flush();
    }
}
