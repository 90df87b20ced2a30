package dev.flexplugins.app.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * The global index of each event of a log scan. Reading in index order, the token's position is the
 * event's own index; only an event that filled a gap (committed late) needs a lookup.
 */
final class GlobalIndexes {
    private final ConnectionProvider connections;
    private long last = -1;

    GlobalIndexes(ConnectionProvider connections) {
        this.connections = connections;
    }

    long of(TrackedEventMessage<?> event) {
        long position = event.trackingToken().position().orElse(-1);
        if (position > last) {
            last = position;
            return position;
        }
        try (Connection c = connections.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")) {
            ps.setString(1, event.getIdentifier());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
