package dev.flexplugins.app.log;

import dev.flexplugins.domain.command.StreamHeads;
import dev.flexplugins.eventstore.EventStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link StreamHeads} from the event store ({@link EventStore#heads}: one query, on the connection
 * of the command's transaction).
 *
 * <p>{@link #forCreation} answers a plugin it has read before from the head it read then, without a
 * query: the append verifies it ({@link AxonEventStorage}), in the same statement that writes the
 * event, on PostgreSQL and H2 alike. A command refused on the remembered state writes nothing to
 * verify; the only such refusal is an archived plugin's, and archiving cannot be undone, so no
 * later event can make it wrong.
 */
public final class JdbcStreamHeads implements StreamHeads {
    /** Heads remembered at most; past it the memory is emptied and refilled by use. */
    private static final int MAX_REMEMBERED = 50_000;

    private final EventStore store;
    private final Map<String, Long> remembered = new ConcurrentHashMap<>();

    public JdbcStreamHeads(EventStore store) {
        this.store = store;
    }

    /**
     * The remembered head of {@code checked} and no events for {@code created}, both checked by the
     * append (the command's event states the head, {@link dev.flexplugins.domain.api.DecidedOn});
     * when that fails, the head is {@link #forget forgotten}, so the command's retry reads. A head
     * not remembered is read (with {@code created}'s), and remembered.
     */
    @Override
    public Map<String, Long> forCreation(String checked, String created) {
        Long head = remembered.get(checked);
        if (head != null) {
            return Map.of(checked, head);
        }
        Map<String, Long> read = last(checked, created);
        Long last = read.get(checked);
        if (last != null) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(checked, last);
        }
        return read;
    }

    /** Forgets {@code stream}'s head if it is still remembered at {@code head} (it moved on). */
    public void forget(String stream, long head) {
        remembered.remove(stream, head);
    }

    @Override
    public Map<String, Long> last(String... aggregateIds) {
        return store.heads(List.of(aggregateIds));
    }
}
