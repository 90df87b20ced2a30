package dev.flexplugins.projections;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;

/**
 * The view rows a command's events produced, read inside the command's own transaction: the answer
 * to a write is built from what is committed with it, never from a read after the commit (which can
 * fail, e.g. when the connection drops, although the write is safely stored).
 *
 * <p>A receipt, passed by value: the command's sender creates one and sends it in the command's
 * metadata under {@link #METADATA_KEY}; Axon copies it onto the command's events (a correlation
 * key), the event store never stores it, and each live view writes the row it produced into the
 * receipt its event carries. Once the command has committed, the sender reads the rows (the command
 * bus runs the command on the sender's thread).
 */
public final class ViewReceipt {
    /** The metadata key of the receipt (the command's, copied onto its events; never stored). */
    public static final String METADATA_KEY = "viewReceipt";

    private final Map<String, Object> rows = new HashMap<>();
    private int events;

    /** The row of resource {@code sid} as this command left it. */
    public <T> Optional<T> row(String sid, Class<T> type) {
        return Optional.ofNullable(rows.get(sid)).filter(type::isInstance).map(type::cast);
    }

    /**
     * Called by a live projection, in the command's transaction, with the row it just wrote for the
     * event {@code message}: kept in the receipt the event carries, if any.
     */
    static void record(EventMessage<?> message, String sid, Optional<?> row) {
        if (message.getMetaData().get(METADATA_KEY) instanceof ViewReceipt views
                && row.isPresent()) {
            views.rows.put(sid, row.get());
        }
    }

    /** How many events of the command were appended (and committed, once the command has). */
    public int events() {
        return events;
    }

    /** The receipt {@code message} (a command or one of its events) carries, if any. */
    public static Optional<ViewReceipt> of(Message<?> message) {
        return message.getMetaData().get(METADATA_KEY) instanceof ViewReceipt views
                ? Optional.of(views)
                : Optional.empty();
    }

    /** Counts {@code event}, just appended, on the receipt it carries. */
    public static void appended(EventMessage<?> event) {
        of(event).ifPresent(views -> views.events++);
    }

    @Override
    public String toString() {
        return "ViewReceipt" + rows.keySet(); // never the rows themselves (logs)
    }
}
