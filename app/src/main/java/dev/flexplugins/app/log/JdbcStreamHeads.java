package dev.flexplugins.app.log;

import dev.flexplugins.domain.command.StreamHeads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * {@link StreamHeads} from the event table in one query (on the connection of the command's
 * transaction): one scalar subquery per resource, each the shape of Axon's own last-sequence query,
 * which the unique index on (aggregate, sequence) answers from its last entry. (An {@code IN} list
 * with {@code GROUP BY} was planned once while the table was small, and that cached plan then read
 * the whole table for every command.)
 */
public final class JdbcStreamHeads implements StreamHeads {
    private final ConnectionProvider connections;

    public JdbcStreamHeads(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public Map<String, Long> last(String... aggregateIds) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < aggregateIds.length; i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append(
                            "(SELECT MAX(sequence_number) FROM domain_event_entry"
                                    + " WHERE aggregate_identifier = ?)");
        }
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < aggregateIds.length; i++) {
                ps.setString(i + 1, aggregateIds[i]);
            }
            Map<String, Long> heads = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < aggregateIds.length; i++) {
                    long last = rs.getLong(i + 1);
                    if (!rs.wasNull()) {
                        heads.put(aggregateIds[i], last);
                    }
                }
            }
            return heads;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the resources' last sequence numbers: " + e.getMessage(), e);
        }
    }
}
