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
 * transaction): the unique index on (aggregate, sequence) answers each resource's maximum.
 */
public final class JdbcStreamHeads implements StreamHeads {
    private final ConnectionProvider connections;

    public JdbcStreamHeads(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public Map<String, Long> last(String... aggregateIds) {
        StringBuilder sql =
                new StringBuilder(
                        "SELECT aggregate_identifier, MAX(sequence_number) FROM domain_event_entry"
                                + " WHERE aggregate_identifier IN (");
        for (int i = 0; i < aggregateIds.length; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") GROUP BY aggregate_identifier");
        try (Connection c = connections.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < aggregateIds.length; i++) {
                ps.setString(i + 1, aggregateIds[i]);
            }
            Map<String, Long> heads = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), rs.getLong(2));
                }
            }
            return heads;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the resources' last sequence numbers: " + e.getMessage(), e);
        }
    }
}
