package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.projections.EventFeedSequencer;
import dev.flexplugins.projections.FeedPage;
import dev.flexplugins.projections.FeedSignal;
import dev.flexplugins.projections.ViewSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed's rows as the sequencer writes them from a page of the log, on the database the tests
 * run on (PostgreSQL: one statement per page; H2: a batch of inserts).
 */
class FeedSequencerTest {
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
    void aPageOfTheLogIsPositionedNextWithEachEventsIndexAccountAndType() throws Exception {
        service.post("/Plugins", "UniqueName=feed-before");
        service.awaitFeed();
        // the service's own sequencer stops; the next event is in the log, not in the feed
        service.stopFeedSequencer();
        String sid =
                service.post("/Plugins", "UniqueName=feed-unsequenced").json().get("sid").asText();
        long lastPosition = service.scalar("SELECT MAX(position) FROM event_feed");
        long index =
                service.scalar(
                        "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = '"
                                + sid
                                + "'");
        assertEquals(
                0, service.scalar("SELECT COUNT(*) FROM event_feed WHERE global_index = " + index));

        // the event as the feed's reader reads the log: with its global index
        AxonEventStorage log =
                service.server.getApplicationContext().getBean(AxonEventStorage.class);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        log.readEvents(null, false)
                .filter(e -> e.getMetaData().get(ViewSql.GLOBAL_INDEX_HINT).equals(index))
                .forEach(e -> events.add((DomainEventMessage<?>) e));
        assertEquals(1, events.size());
        EventFeedSequencer sequencer = new EventFeedSequencer(log.store(), new FeedSignal());
        new AnnotationEventHandlerAdapter(sequencer)
                .handle(GenericEventMessage.asEventMessage(new FeedPage(events)));

        try (Connection c = service.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT position, global_index, account_sid, resource_sid, event_type"
                                        + " FROM event_feed WHERE position > ?")) {
            ps.setLong(1, lastPosition);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the event got a position");
                assertEquals(lastPosition + 1, rs.getLong(1));
                assertEquals(index, rs.getLong(2));
                assertEquals(service.accountSid, rs.getString(3));
                assertEquals(sid, rs.getString(4));
                assertEquals("plugin.created", rs.getString(5));
                assertTrue(!rs.next(), "one row");
            }
        }
        assertEquals(0, service.command("verify").exitCode(), "verify finds the feed whole");
    }
}
