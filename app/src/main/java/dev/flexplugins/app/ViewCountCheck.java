package dev.flexplugins.app;

import dev.flexplugins.eventstore.EventStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, a quick comparison of the log with the views: as many plugin, version, configuration
 * and release rows as creation events, as many archived rows as archive events. A difference means
 * views diverged from the log (e.g. written by an older release that could commit an event without
 * its views during shutdown); it is logged loudly with what to do: run {@code replay}. {@code
 * verify} is the full, field-by-field check.
 */
@Context
@Requires(notEnv = "cli")
final class ViewCountCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ViewCountCheck.class);

    private final List<String> differences;

    ViewCountCheck(Database database) {
        List<String> found;
        try (Connection c = database.dataSource().getConnection()) {
            found = differences(c);
        } catch (SQLException e) {
            LOG.warn("Could not compare the views with the log at start: {}", e.getMessage());
            found = List.of();
        }
        differences = found;
        if (!differences.isEmpty()) {
            LOG.error(
                    "=================================================================================");
            LOG.error("THE VIEWS DO NOT MATCH THE EVENT LOG: {}", String.join("; ", differences));
            LOG.error(
                    "Reads may miss or misreport resources. The log is intact and is the truth. Run");
            LOG.error(
                    "  java -jar flex-plugin-service.jar replay   (rebuilds every view from the log)");
            LOG.error(
                    "then `verify` to confirm 0 differences. See README, \"When the views diverge\".");
            LOG.error(
                    "=================================================================================");
        }
    }

    List<String> differences() {
        return differences;
    }

    static List<String> differences(Connection c) throws SQLException {
        Map<String, Long> events = new HashMap<>();
        EventStore.countsByPayloadType(c)
                .forEach(
                        (type, count) ->
                                events.merge(
                                        type.substring(
                                                Math.max(
                                                                type.lastIndexOf('$'),
                                                                type.lastIndexOf('.'))
                                                        + 1),
                                        count,
                                        Long::sum));
        List<String> out = new ArrayList<>();
        compare(c, out, events, "PluginCreated", "SELECT COUNT(*) FROM plugin_view");
        compare(
                c,
                out,
                events,
                "PluginArchived",
                "SELECT COUNT(*) FROM plugin_view WHERE archived = TRUE");
        compare(c, out, events, "PluginVersionCreated", "SELECT COUNT(*) FROM plugin_version_view");
        compare(
                c,
                out,
                events,
                "PluginVersionArchived",
                "SELECT COUNT(*) FROM plugin_version_view WHERE archived = TRUE");
        compare(c, out, events, "ConfigurationCreated", "SELECT COUNT(*) FROM configuration_view");
        compare(
                c,
                out,
                events,
                "ConfigurationArchived",
                "SELECT COUNT(*) FROM configuration_view WHERE archived = TRUE");
        compare(c, out, events, "ReleaseCreated", "SELECT COUNT(*) FROM release_view");
        return out;
    }

    private static void compare(
            Connection c, List<String> out, Map<String, Long> events, String type, String sql)
            throws SQLException {
        long expected = events.getOrDefault(type, 0L);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long rows = rs.getLong(1);
            if (rows != expected) {
                out.add(
                        expected
                                + " "
                                + type
                                + " events but "
                                + rows
                                + " rows ("
                                + sql.substring(16)
                                + ")");
            }
        }
    }
}
