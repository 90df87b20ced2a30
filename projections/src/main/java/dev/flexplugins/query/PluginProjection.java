package dev.flexplugins.query;

import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/** The {@code plugin_view} table: written from plugin events, read by fetch and list. */
public class PluginProjection {
    private static final String COLUMNS =
            "sid, account_sid, unique_name, friendly_name, description, archived, date_created, date_updated, list_key";

    private final Jdbc jdbc;

    public PluginProjection(ConnectionProvider connections) {
        this.jdbc = new Jdbc(connections);
    }

    @EventHandler
    void on(PluginCreated event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO plugin_view (sid, account_sid, unique_name, friendly_name, description, archived,"
                        + " date_created, date_updated) VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)",
                event.pluginSid(), event.accountSid(), event.uniqueName(), event.friendlyName(), event.description(),
                at, at);
    }

    @EventHandler
    void on(PluginUpdated event, @Timestamp Instant at) {
        jdbc.update("UPDATE plugin_view SET friendly_name = ?, description = ?, date_updated = ? WHERE sid = ?",
                event.friendlyName(), event.description(), at, event.pluginSid());
    }

    @EventHandler
    void on(PluginArchived event, @Timestamp Instant at) {
        jdbc.update("UPDATE plugin_view SET archived = TRUE, date_updated = ? WHERE sid = ?", at, event.pluginSid());
    }

    public Optional<PluginView> find(String accountSid, String sid) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM plugin_view WHERE sid = ? AND account_sid = ?",
                PluginProjection::map, sid, accountSid);
    }

    /** A newest-first page of the account's plugins. */
    public Slice<PluginView> list(String accountSid, Cursor cursor, int pageSize) {
        return Pages.slice(cursor, pageSize, (condition, order, limit, key) -> jdbc.query(
                "SELECT " + COLUMNS + " FROM plugin_view WHERE account_sid = ?" + condition
                        + " ORDER BY list_key " + order + " LIMIT " + limit,
                PluginProjection::map, key == null ? new Object[] {accountSid} : new Object[] {accountSid, key}));
    }

    private static PluginView map(ResultSet rs) throws SQLException {
        return new PluginView(rs.getString("sid"), rs.getString("account_sid"), rs.getString("unique_name"),
                rs.getString("friendly_name"), rs.getString("description"), rs.getBoolean("archived"),
                Jdbc.instant(rs, "date_created"), Jdbc.instant(rs, "date_updated"), rs.getLong("list_key"));
    }

}
