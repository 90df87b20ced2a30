package dev.flexplugins.query;

import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/** The {@code plugin_version_view} table: written from version events, read by fetch and list. */
public class PluginVersionProjection {
    private static final String COLUMNS = "sid, account_sid, plugin_sid, version, plugin_url, changelog, private_bundle,"
            + " archived, validated, cli_version, validate_status, date_created, list_key";

    private final Jdbc jdbc;

    public PluginVersionProjection(ConnectionProvider connections) {
        this.jdbc = new Jdbc(connections);
    }

    @EventHandler
    void on(PluginVersionCreated event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO plugin_version_view (sid, account_sid, plugin_sid, version, plugin_url, changelog,"
                        + " private_bundle, archived, validated, cli_version, validate_status, date_created)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)",
                event.versionSid(), event.accountSid(), event.pluginSid(), event.version(), event.pluginUrl(),
                event.changelog(), event.privateBundle(), event.validated(), event.cliVersion(),
                event.validateStatus(), at);
    }

    @EventHandler
    void on(PluginVersionArchived event) {
        jdbc.update("UPDATE plugin_version_view SET archived = TRUE WHERE sid = ?", event.versionSid());
    }

    public Optional<PluginVersionView> find(String accountSid, String pluginSid, String sid) {
        return jdbc.queryOne("SELECT " + COLUMNS
                        + " FROM plugin_version_view WHERE sid = ? AND plugin_sid = ? AND account_sid = ?",
                PluginVersionProjection::map, sid, pluginSid, accountSid);
    }

    /** A newest-first page of one plugin's versions. */
    public Slice<PluginVersionView> list(String accountSid, String pluginSid, Cursor cursor, int pageSize) {
        return Pages.slice(cursor, pageSize, (condition, order, limit, key) -> jdbc.query(
                "SELECT " + COLUMNS + " FROM plugin_version_view WHERE plugin_sid = ? AND account_sid = ?" + condition
                        + " ORDER BY list_key " + order + " LIMIT " + limit,
                PluginVersionProjection::map,
                key == null ? new Object[] {pluginSid, accountSid} : new Object[] {pluginSid, accountSid, key}));
    }

    private static PluginVersionView map(ResultSet rs) throws SQLException {
        return new PluginVersionView(rs.getString("sid"), rs.getString("account_sid"), rs.getString("plugin_sid"),
                rs.getString("version"), rs.getString("plugin_url"), rs.getString("changelog"),
                rs.getBoolean("private_bundle"), rs.getBoolean("archived"), rs.getBoolean("validated"),
                rs.getString("cli_version"), rs.getString("validate_status"), Jdbc.instant(rs, "date_created"),
                rs.getLong("list_key"));
    }
}
