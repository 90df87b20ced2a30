package dev.flexplugins.projections;

import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.projections.model.Owned;
import dev.flexplugins.projections.model.PluginVersionView;
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

/** The {@code plugin_version_view} table: written from version events, read by fetch and list. */
public class PluginVersionProjection {
    private static final String COLUMNS =
            "sid, account_sid, plugin_sid, version, plugin_url, changelog, requires_authorization,"
                    + " archived, validated, cli_version, validate_status, date_created, list_key";

    private static final String[] COLUMN_NAMES = COLUMNS.split(", *");

    private final ViewSql jdbc;
    private final String table;
    private final boolean live;

    /** The live view. */
    public PluginVersionProjection(ConnectionProvider connections) {
        this(connections, ViewTables.LIVE);
    }

    /** The live view, or its twin that {@code replay} builds. */
    public PluginVersionProjection(ConnectionProvider connections, ViewTables tables) {
        this.jdbc = new ViewSql(connections, tables == ViewTables.REBUILD);
        this.table = tables.name("plugin_version_view");
        this.live = tables == ViewTables.LIVE;
    }

    @EventHandler
    void on(PluginVersionCreated event, EventMessage<?> message, @Timestamp Instant at) {
        Sql insert =
                Sql.of(
                                "INSERT INTO "
                                        + table
                                        + " (sid, account_sid, plugin_sid, version, plugin_url, changelog,"
                                        + " requires_authorization, archived, validated, cli_version, validate_status, date_created, list_key)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ",
                                event.versionSid(),
                                event.accountSid(),
                                event.pluginSid(),
                                event.version(),
                                event.pluginUrl(),
                                event.changelog(),
                                event.requiresAuthorization(),
                                event.validated(),
                                event.cliVersion(),
                                event.validateStatus(),
                                at)
                        .then("?)", ViewSql.globalIndex(message));
        if (live) {
            // the answer is the row as stored, returned by the insert itself (no read-back)
            ViewReceipt.record(
                    message,
                    event.versionSid(),
                    Optional.of(
                            jdbc.insertReturning(
                                    insert, COLUMN_NAMES, PluginVersionProjection::map)));
        } else {
            jdbc.update(insert);
        }
    }

    @EventHandler
    void on(PluginVersionArchived event, EventMessage<?> message) {
        jdbc.update("UPDATE " + table + " SET archived = TRUE WHERE sid = ?", event.versionSid());
        committed(message, event.versionSid());
    }

    /** The row as this command's transaction wrote it: the command's answer (see ViewReceipt). */
    private void committed(EventMessage<?> message, String sid) {
        if (live) {
            ViewReceipt.record(
                    message,
                    sid,
                    jdbc.queryOne(
                            "SELECT " + COLUMNS + " FROM " + table + " WHERE sid = ?",
                            PluginVersionProjection::map,
                            sid));
        }
    }

    /**
     * By primary key alone, plugin and owner checked here: a prepared statement's generic plan
     * could otherwise pick the plugin's index and scan all its versions.
     */
    public Optional<PluginVersionView> find(String accountSid, String pluginSid, String sid) {
        return jdbc.queryOne(
                        "SELECT " + COLUMNS + " FROM " + table + " WHERE sid = ?",
                        PluginVersionProjection::map,
                        sid)
                .filter(Owned.by(accountSid))
                .filter(v -> v.pluginSid().equals(pluginSid));
    }

    /**
     * A newest-first page of one plugin's versions; with {@code createdBy}, only those created by
     * then (for time travel).
     */
    public Slice<PluginVersionView> list(
            String accountSid, String pluginSid, Cursor cursor, int pageSize, Instant createdBy) {
        return KeysetPaging.of(
                jdbc,
                COLUMNS,
                table,
                "plugin_sid = ? AND account_sid = ?",
                List.of(pluginSid, accountSid),
                createdBy,
                cursor,
                pageSize,
                PluginVersionProjection::map);
    }

    /** Every row, streamed, for {@code verify}. */
    public void forEach(Consumer<PluginVersionView> consumer) {
        jdbc.forEach(
                "SELECT " + COLUMNS + " FROM " + table, PluginVersionProjection::map, consumer);
    }

    /**
     * A row of {@link #COLUMNS}, every query's select list (and the insert's returned columns), by
     * position: a page of 50 versions looked 650 names up in the driver's column map.
     */
    private static PluginVersionView map(ResultSet rs) throws SQLException {
        return new PluginVersionView(
                rs.getString(1), // sid
                rs.getString(2), // account_sid
                rs.getString(3), // plugin_sid
                rs.getString(4), // version
                rs.getString(5), // plugin_url
                rs.getString(6), // changelog
                rs.getBoolean(7), // requires_authorization
                rs.getBoolean(8), // archived
                rs.getBoolean(9), // validated
                rs.getString(10), // cli_version
                rs.getString(11), // validate_status
                ViewSql.instant(rs, 12), // date_created
                rs.getLong(13)); // list_key
    }

    /** Sends the rows still batched (the replay's twins), before its transaction commits. */
    public void flush() {
        jdbc.flush();
    }
}
