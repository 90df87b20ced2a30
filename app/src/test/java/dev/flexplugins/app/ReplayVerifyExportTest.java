package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexplugins.projections.ViewTables;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The operator commands against the running service's database. */
class ReplayVerifyExportTest {

    private static void populate(RunningService service, String prefix, int plugins) {
        for (int p = 0; p < plugins; p++) {
            String name = prefix + "-" + p;
            service.post("/Plugins", "UniqueName=" + name + "&FriendlyName=Plugin+" + p);
            for (int v = 0; v < 4; v++) {
                service.post(
                        "/Plugins/" + name + "/Versions",
                        "Version=1."
                                + v
                                + ".0&PluginUrl=https://a.example/"
                                + name
                                + ".js&Changelog=change+"
                                + v
                                + "&Private="
                                + (v % 2 == 0));
            }
            if (p % 2 == 0) {
                service.post("/Plugins/" + name, "Description=described");
                service.post("/Plugins/" + name + "/Versions/1.1.0/Archive", "");
            }
            if (p % 3 == 0) {
                service.post("/Plugins/" + name + "/Archive", "");
            }
        }
    }

    /** Every row of a view, in a stable order, as text. */
    private static List<String> rows(RunningService service, String table, String orderBy) {
        List<String> rows = new ArrayList<>();
        try (Connection c = service.database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(md.getColumnName(i).toLowerCase())
                            .append('=')
                            .append(rs.getString(i))
                            .append(' ');
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    /**
     * Each view table's indexes, by what they index (names differ between a view and its twin):
     * "unique" or "index", then the columns in order.
     */
    private static Map<String, List<String>> indexShapes(RunningService service) {
        Map<String, List<String>> shapes = new TreeMap<>();
        try (Connection c = service.database.connect()) {
            DatabaseMetaData md = c.getMetaData();
            for (String view : ViewTables.ALL) {
                for (String table : List.of(view, view + "_rebuild")) {
                    Map<String, StringBuilder> byName = new TreeMap<>();
                    String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
                    try (ResultSet rs = md.getIndexInfo(null, null, name, false, false)) {
                        while (rs.next()) {
                            if (rs.getString("INDEX_NAME") == null) {
                                continue;
                            }
                            byName.computeIfAbsent(
                                            rs.getString("INDEX_NAME"),
                                            k -> {
                                                try {
                                                    return new StringBuilder(
                                                            rs.getBoolean("NON_UNIQUE")
                                                                    ? "index"
                                                                    : "unique");
                                                } catch (SQLException e) {
                                                    throw new AssertionError(e);
                                                }
                                            })
                                    .append(' ')
                                    .append(rs.getString("COLUMN_NAME").toLowerCase());
                        }
                    }
                    shapes.put(
                            table,
                            byName.values().stream()
                                    .map(StringBuilder::toString)
                                    .sorted()
                                    .toList());
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return shapes;
    }

    @Test
    void replayRebuildsViewsIdenticalToTheLiveOnesWhileTheServiceKeepsAnswering() throws Exception {
        try (RunningService service = RunningService.start()) {
            populate(service, "replayed", 12);
            Map<String, List<String>> indexes = indexShapes(service);
            assertTrue(
                    indexes.get("plugin_version_view").contains("unique plugin_sid version"),
                    indexes.toString());
            List<String> plugins = rows(service, "plugin_view", "sid");
            List<String> versions = rows(service, "plugin_version_view", "sid");
            assertTrue(versions.size() >= 48);

            RunningService.CommandResult replay = service.command("replay");
            assertEquals(0, replay.exitCode(), replay.out() + replay.err());
            assertTrue(replay.out().contains("replay: done"), replay.out());
            assertEquals(plugins, rows(service, "plugin_view", "sid"));
            assertEquals(versions, rows(service, "plugin_version_view", "sid"));

            // again, with writers writing all the way through
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer =
                    new Thread(
                            () -> {
                                for (int i = 0; !stop.get() && i < 400; i++) {
                                    if (service.post(
                                                            "/Plugins/replayed-1/Versions",
                                                            "Version=7."
                                                                    + i
                                                                    + ".0&PluginUrl=https://a.example/live.js")
                                                    .status()
                                            == 201) {
                                        written.incrementAndGet();
                                    }
                                }
                            });
            writer.start();
            Thread.sleep(100);
            RunningService.CommandResult during = service.command("replay");
            stop.set(true);
            writer.join();
            assertEquals(0, during.exitCode(), during.out() + during.err());
            assertTrue(written.get() > 0);
            // every version written before, during and after the switch is in the view
            JsonNode list =
                    service.get("/Plugins/replayed-1/Versions?PageSize=1000")
                            .json()
                            .get("plugin_versions");
            assertEquals(4 + written.get(), list.size());
            RunningService.CommandResult verify = service.command("verify");
            assertEquals(0, verify.exitCode(), verify.out() + verify.err());
            // the views and their twins kept every index through both swaps (PostgreSQL drops
            // the twins' indexes for the load and builds them again after it)
            assertEquals(indexes, indexShapes(service));
            // and the service still writes and reads
            assertEquals(201, service.post("/Plugins", "UniqueName=after-replay").status());
            assertEquals(200, service.get("/Plugins/after-replay").status());
        }
    }

    @Test
    void aReplayThatFailsPartWayLeavesTheViewsAndTheirIndexesAsTheyWere() throws Exception {
        try (RunningService service = RunningService.start()) {
            populate(service, "unreadable", 4);
            service.awaitFeed();
            Map<String, List<String>> indexes = indexShapes(service);
            List<String> versions = rows(service, "plugin_version_view", "sid");
            // the last event of the log stops deserializing: the replay fails after loading the
            // rest into the twins
            long last = service.scalar("SELECT MAX(global_index) FROM domain_event_entry");
            byte[] payload;
            try (Connection c = service.database.connect();
                    PreparedStatement read =
                            c.prepareStatement(
                                    "SELECT payload FROM domain_event_entry WHERE global_index = ?");
                    PreparedStatement write =
                            c.prepareStatement(
                                    "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?")) {
                read.setLong(1, last);
                try (ResultSet rs = read.executeQuery()) {
                    assertTrue(rs.next());
                    payload = rs.getBytes(1);
                }
                write.setBytes(1, "{not json".getBytes(StandardCharsets.UTF_8));
                write.setLong(2, last);
                assertEquals(1, write.executeUpdate());

                RunningService.CommandResult failed = service.command("replay");
                assertEquals(1, failed.exitCode(), failed.out() + failed.err());
                assertTrue(failed.err().contains("replay failed"), failed.err());
                assertEquals(indexes, indexShapes(service), "every index is still there");
                assertEquals(versions, rows(service, "plugin_version_view", "sid"));

                write.setBytes(1, payload);
                write.setLong(2, last);
                assertEquals(1, write.executeUpdate());
            }
            RunningService.CommandResult replay = service.command("replay");
            assertEquals(0, replay.exitCode(), replay.out() + replay.err());
            assertEquals(versions, rows(service, "plugin_version_view", "sid"));
            assertEquals(indexes, indexShapes(service));
            assertEquals(0, service.command("verify").exitCode());
        }
    }

    @Test
    void verifyPassesOnAnIntactLogAndReportsEveryKindOfTampering() {
        try (RunningService service = RunningService.start()) {
            populate(service, "verified", 3);
            service.awaitFeed();
            RunningService.CommandResult clean = service.command("verify");
            assertEquals(0, clean.exitCode(), clean.out() + clean.err());
            assertTrue(clean.out().contains("0 differences"), clean.out());

            String pluginSid = service.get("/Plugins/verified-0").json().get("sid").asText();
            service.execute(
                    "UPDATE plugin_view SET friendly_name = 'edited behind its back' WHERE sid = '"
                            + pluginSid
                            + "'");
            RunningService.CommandResult editedView = service.command("verify");
            assertEquals(1, editedView.exitCode());
            assertTrue(
                    editedView.out().contains(pluginSid)
                            && editedView.out().contains("edited behind its back"),
                    editedView.out());
            service.command("replay");
            assertEquals(0, service.command("verify").exitCode(), "replay repaired the view");

            String versionSid =
                    service.get("/Plugins/verified-1/Versions/1.2.0").json().get("sid").asText();
            service.execute(
                    "UPDATE domain_event_entry SET payload = REPLACE_PAYLOAD WHERE aggregate_identifier = '"
                                    .replace(
                                            "REPLACE_PAYLOAD",
                                            TestDatabase.postgres()
                                                    ? "convert_to(replace(convert_from(payload, 'UTF8'), 'change 2', 'change X'), 'UTF8')"
                                                    : "STRINGTOUTF8(REPLACE(UTF8TOSTRING(payload), 'change 2', 'change X'))")
                            + versionSid
                            + "'");
            RunningService.CommandResult editedEvent = service.command("verify");
            assertEquals(1, editedEvent.exitCode());
            assertTrue(
                    editedEvent.out().contains("chain of " + versionSid + ": event 0"),
                    editedEvent.out());
            assertTrue(editedEvent.out().contains("edited or reordered"), editedEvent.out());
        }
    }

    @Test
    void verifyReportsARemovedEvent() {
        try (RunningService service = RunningService.start()) {
            populate(service, "removed", 1);
            service.awaitFeed();
            String sid = service.get("/Plugins/removed-0").json().get("sid").asText();
            // the plugin has created, updated, archived: take out the middle one
            service.execute(
                    "DELETE FROM domain_event_entry WHERE aggregate_identifier = '"
                            + sid
                            + "' AND sequence_number = 1");
            RunningService.CommandResult verify = service.command("verify");
            assertEquals(1, verify.exitCode());
            assertTrue(
                    verify.out().contains("chain of " + sid + ": event 1 is missing"),
                    verify.out());
            assertTrue(verify.out().contains("which the log no longer has"), verify.out());
        }
    }

    @Test
    void exportWritesTheLogAsJsonLinesInTheHistoryFormat() throws Exception {
        try (RunningService service = RunningService.start()) {
            populate(service, "exported", 2);
            service.awaitFeed();
            RunningService.CommandResult all = service.command("export");
            assertEquals(0, all.exitCode(), all.err());
            String[] lines = all.out().strip().split("\n");
            assertEquals(service.eventCount(), lines.length);
            JsonNode feed = service.get("/Events?PageSize=1000").json().get("events");
            for (int i = 0; i < lines.length; i++) {
                assertEquals(
                        feed.get(i), RunningService.JSON.readTree(lines[i]), "line " + (i + 1));
            }
            RunningService.CommandResult after = service.command("export", "--after", "5");
            assertEquals(lines.length - 5, after.out().strip().split("\n").length);
            assertEquals(
                    6,
                    RunningService.JSON
                            .readTree(after.out().strip().split("\n")[0])
                            .get("position")
                            .asInt());
            assertEquals(2, service.command("export", "--after").exitCode());
        }
    }

    @Test
    void rotateTokenGivesAnAccountANewTokenThatWorksAtOnce() {
        try (RunningService service = RunningService.start()) {
            String[] account = service.newAccount();
            assertEquals(200, service.get("/Plugins", account[0], account[1]).status());
            RunningService.CommandResult rotated = service.command("rotate-token", account[0]);
            assertEquals(0, rotated.exitCode(), rotated.err());
            String token = rotated.out().trim();
            assertTrue(token.matches("[0-9a-f]{32}"), rotated.out());
            sleep(2100); // past the recheck interval of the service's cached row
            assertEquals(
                    200,
                    service.get("/Plugins", account[0], token).status(),
                    "the new token works");
            assertEquals(2, service.command("rotate-token", "not-a-sid").exitCode());
            assertEquals(1, service.command("rotate-token", "AC" + "0".repeat(32)).exitCode());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
