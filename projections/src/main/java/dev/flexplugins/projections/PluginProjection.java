package dev.flexplugins.projections;

import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.projections.model.Owned;
import dev.flexplugins.projections.model.PluginView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;

/** The {@code plugin_view} table: written from plugin events, read by fetch and list. */
public class PluginProjection {
    private static final String COLUMNS =
            "sid, account_sid, unique_name, friendly_name, description, archived, date_created, date_updated, list_key";

    private static final String[] COLUMN_NAMES = COLUMNS.split(", *");

    private final ViewSql jdbc;
    private final String table;
    private final boolean live;

    /** The live view. */
    public PluginProjection(ConnectionProvider connections) {
        this(connections, ViewTables.LIVE);
    }

    /** The live view, or its twin that {@code replay} builds. */
    public PluginProjection(ConnectionProvider connections, ViewTables tables) {
        this.jdbc = new ViewSql(connections, tables == ViewTables.REBUILD);
        this.table = tables.name("plugin_view");
        this.live = tables == ViewTables.LIVE;
    }

    @EventHandler
    void on(PluginCreated event, EventMessage<?> message, @Timestamp Instant at) {
        Sql insert =
                Sql.of(
                                "INSERT INTO "
                                        + table
                                        + " (sid, account_sid, unique_name, friendly_name, description,"
                                        + " archived, date_created, date_updated, list_key) VALUES (?, ?, ?, ?, ?, FALSE, ?, ?, ",
                                event.pluginSid(),
                                event.accountSid(),
                                event.uniqueName(),
                                event.friendlyName(),
                                event.description(),
                                at,
                                at)
                        .then("?)", ViewSql.globalIndex(message));
        if (live) {
            // the answer is the row as stored, returned by the insert itself (no read-back)
            ViewReceipt.record(
                    message,
                    event.pluginSid(),
                    Optional.of(jdbc.insertReturning(insert, COLUMN_NAMES, PluginProjection::map)));
        } else {
            jdbc.update(insert);
        }
    }

    @EventHandler
    void on(PluginUpdated event, EventMessage<?> message, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE "
                        + table
                        + " SET friendly_name = ?, description = ?, date_updated = ? WHERE sid = ?",
                event.friendlyName(),
                event.description(),
                at,
                event.pluginSid());
        committed(message, event.pluginSid());
    }

    @EventHandler
    void on(PluginArchived event, EventMessage<?> message, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE " + table + " SET archived = TRUE, date_updated = ? WHERE sid = ?",
                at,
                event.pluginSid());
        committed(message, event.pluginSid());
    }

    /** The row as this command's transaction wrote it: the command's answer (see ViewReceipt). */
    private void committed(EventMessage<?> message, String sid) {
        if (live) {
            ViewReceipt.record(
                    message,
                    sid,
                    jdbc.queryOne(
                            "SELECT " + COLUMNS + " FROM " + table + " WHERE sid = ?",
                            PluginProjection::map,
                            sid));
        }
    }

    /**
     * By primary key alone, the owner checked here: a prepared statement's generic plan could
     * otherwise pick an index on the other columns and scan a whole account.
     */
    public Optional<PluginView> find(String accountSid, String sid) {
        return jdbc.queryOne(
                        "SELECT " + COLUMNS + " FROM " + table + " WHERE sid = ?",
                        PluginProjection::map,
                        sid)
                .filter(Owned.by(accountSid));
    }

    /**
     * A newest-first page of the account's plugins; with {@code createdBy}, only those created by
     * then (for time travel).
     */
    public Slice<PluginView> list(
            String accountSid, Cursor cursor, int pageSize, Instant createdBy) {
        return KeysetPaging.of(
                jdbc,
                COLUMNS,
                table,
                "account_sid = ?",
                List.of(accountSid),
                createdBy,
                cursor,
                pageSize,
                PluginProjection::map);
    }

    /** Every row, streamed, for {@code verify}. */
    public void forEach(Consumer<PluginView> consumer) {
        jdbc.forEach("SELECT " + COLUMNS + " FROM " + table, PluginProjection::map, consumer);
    }

    private static PluginView map(ResultSet rs) throws SQLException {
        return new PluginView(
                rs.getString("sid"),
                rs.getString("account_sid"),
                rs.getString("unique_name"),
                rs.getString("friendly_name"),
                rs.getString("description"),
                rs.getBoolean("archived"),
                ViewSql.instant(rs, "date_created"),
                ViewSql.instant(rs, "date_updated"),
                rs.getLong("list_key"));
    }

    /** Sends the rows still batched (the replay's twins), before its transaction commits. */
    public void flush() {
        jdbc.flush();
    }
}
