package dev.flexplugins.app.log;

import dev.flexplugins.domain.command.StreamHeads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * {@link StreamHeads} from the event table in one query (on the connection of the command's
 * transaction): one scalar subquery per resource, each the shape of Axon's own last-sequence query,
 * which the unique index on (aggregate, sequence) answers from its last entry. (An {@code IN} list
 * with {@code GROUP BY} was planned once while the table was small, and that cached plan then read
 * the whole table for every command.)
 *
 * <p>With {@code checkedAppends} (PostgreSQL, where {@link JdbcEventLog} checks heads in the
 * insert), {@link #forCreation} answers a plugin it has read before from the head it read then,
 * without a query: the append verifies it, in the same statement that writes the event. A command
 * refused on the remembered state writes nothing to verify; the only such refusal is an archived
 * plugin's, and archiving cannot be undone, so no later event can make it wrong.
 */
public final class JdbcStreamHeads implements StreamHeads {
    /** Heads remembered at most; past it the memory is emptied and refilled by use. */
    private static final int MAX_REMEMBERED = 50_000;

    private final ConnectionProvider connections;
    private final boolean checkedAppends;
    private final Map<String, Long> remembered = new ConcurrentHashMap<>();

    public JdbcStreamHeads(ConnectionProvider connections) {
        this(connections, false);
    }

    public JdbcStreamHeads(ConnectionProvider connections, boolean checkedAppends) {
        this.connections = connections;
        this.checkedAppends = checkedAppends;
    }

    /**
     * The remembered head of {@code checked} and no events for {@code created}, both checked by the
     * append ({@link AppendExpectations}); when that fails, the head is forgotten, so the command's
     * retry reads. A head not remembered is read (with {@code created}'s), and remembered.
     */
    @Override
    public Map<String, Long> forCreation(String checked, String created) {
        Long head =
                checkedAppends && AppendExpectations.possible() ? remembered.get(checked) : null;
        if (head != null) {
            long assumed = head;
            AppendExpectations.expect(
                    new AppendExpectations.Expectation(
                            checked, assumed, created, () -> remembered.remove(checked, assumed)));
            return Map.of(checked, assumed);
        }
        Map<String, Long> read = last(checked, created);
        Long last = read.get(checked);
        if (checkedAppends && last != null) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(checked, last);
        }
        return read;
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
