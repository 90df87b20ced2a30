package dev.flexplugins.query;

import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;

/** The {@code plugin_version_view} table: written from version events, read by fetch and list. */
public class PluginVersionProjection {
    private static final String COLUMNS = "sid, account_sid, plugin_sid, version, plugin_url, changelog, private_bundle,"
            + " archived, validated, cli_version, validate_status, date_created, list_key";

    private final Jdbc jdbc;
    private final String table;

    /** The live view. */
    public PluginVersionProjection(ConnectionProvider connections) {
        this(connections, ViewTables.LIVE);
    }

    /** The live view, or its twin that {@code replay} builds. */
    public PluginVersionProjection(ConnectionProvider connections, ViewTables tables) {
        this.jdbc = new Jdbc(connections, tables == ViewTables.REBUILD);
        this.table = tables.name("plugin_version_view");
    }

    @EventHandler
    void on(PluginVersionCreated event, EventMessage<?> message, @Timestamp Instant at) {
        Object[] listKey = jdbc.globalIndexExpression(message);
        jdbc.update("INSERT INTO " + table + " (sid, account_sid, plugin_sid, version, plugin_url, changelog,"
                        + " private_bundle, archived, validated, cli_version, validate_status, date_created, list_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, " + listKey[0] + ")",
                event.versionSid(), event.accountSid(), event.pluginSid(), event.version(), event.pluginUrl(),
                event.changelog(), event.requiresAuthorization(), event.validated(), event.cliVersion(),
                event.validateStatus(), at, listKey[1]);
    }

    @EventHandler
    void on(PluginVersionArchived event) {
        jdbc.update("UPDATE " + table + " SET archived = TRUE WHERE sid = ?", event.versionSid());
    }

    public Optional<PluginVersionView> find(String accountSid, String pluginSid, String sid) {
        return jdbc.queryOne("SELECT " + COLUMNS
                        + " FROM " + table + " WHERE sid = ? AND plugin_sid = ? AND account_sid = ?",
                PluginVersionProjection::map, sid, pluginSid, accountSid);
    }

    /**
     * A newest-first page of one plugin's versions; with {@code createdBy}, only those created by
     * then (for time travel).
     */
    public Slice<PluginVersionView> list(String accountSid, String pluginSid, Cursor cursor, int pageSize,
                                         Instant createdBy) {
        return Pages.slice(cursor, pageSize, (condition, order, limit, key) -> {
            List<Object> args = new ArrayList<>(List.of(pluginSid, accountSid));
            String asOf = "";
            if (createdBy != null) {
                asOf = " AND date_created <= ?";
                args.add(createdBy);
            }
            if (key != null) {
                args.add(key);
            }
            return jdbc.query("SELECT " + COLUMNS + " FROM " + table + " WHERE plugin_sid = ? AND account_sid = ?"
                    + asOf + condition + " ORDER BY list_key " + order + " LIMIT " + limit,
                    PluginVersionProjection::map, args.toArray());
        });
    }

    /** Every row, for {@code verify}. */
    public List<PluginVersionView> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + table + " ORDER BY list_key", PluginVersionProjection::map);
    }

    private static PluginVersionView map(ResultSet rs) throws SQLException {
        return new PluginVersionView(rs.getString("sid"), rs.getString("account_sid"), rs.getString("plugin_sid"),
                rs.getString("version"), rs.getString("plugin_url"), rs.getString("changelog"),
                rs.getBoolean("private_bundle"), rs.getBoolean("archived"), rs.getBoolean("validated"),
                rs.getString("cli_version"), rs.getString("validate_status"), Jdbc.instant(rs, "date_created"),
                rs.getLong("list_key"));
    }
}
