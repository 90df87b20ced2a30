package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A command whose event insert waits on a row another transaction is writing: on H2 the wait ends
 * with H2's lock timeout, which is answered 503 with Retry-After (nothing was written; a retry
 * succeeds), never 500; on PostgreSQL the insert waits until the other transaction ends.
 */
class LockContentionTest {
    static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aCommandThatTimesOutOnALockIsAnsweredRetryLaterAndChangesNothing() throws Exception {
        var created = service.post("/Plugins", "UniqueName=held-plugin");
        assertEquals(201, created.status(), created.toString());
        String sid = created.json().get("sid").asText();
        long eventsBefore = service.eventCount();

        // Another transaction writes the plugin's next event (sequence 1) and holds it for 4 s.
        Connection holder = service.connect();
        holder.setAutoCommit(false);
        try (PreparedStatement ps =
                holder.prepareStatement(
                        "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier,"
                                + " sequence_number, type, time_stamp, payload_type,"
                                + " payload_revision, payload, meta_data) VALUES (?, ?, 1,"
                                + " 'PluginAggregate', '2026-11-30T00:00:00.000Z', 'held', NULL,"
                                + " ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, sid);
            ps.setBytes(3, "{}".getBytes());
            ps.setBytes(4, "{}".getBytes());
            ps.executeUpdate();
        }
        CompletableFuture<Void> release =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                Thread.sleep(4_000);
                                holder.rollback();
                                holder.close();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });

        var first = service.post("/Plugins/" + sid + "/Archive", "");
        if (first.status() == 503) {
            // H2: its lock timeout passed while the row was held
            assertNotNull(first.header("Retry-After"), first.toString());
            assertEquals(20503, first.json().get("code").asInt(), first.toString());
            assertTrue(first.json().get("message").asText().contains("retry"), first.toString());
            release.get(10, TimeUnit.SECONDS);
            assertEquals(eventsBefore, service.eventCount(), "the refused archive wrote nothing");
            var again = service.post("/Plugins/" + sid + "/Archive", "");
            assertEquals(200, again.status(), again.toString());
        } else {
            // PostgreSQL: the insert waited for the holder to roll back, then went ahead
            assertEquals(200, first.status(), first.toString());
            release.get(10, TimeUnit.SECONDS);
        }
        assertEquals(eventsBefore + 1, service.eventCount(), "archived exactly once");
        assertTrue(service.get("/Plugins/" + sid).json().get("archived").asBoolean());
    }
}
