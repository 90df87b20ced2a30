package dev.flexplugins.projections;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The view rows a command's events produced, read inside the command's own transaction: the answer
 * to a write is built from what is committed with it, never from a read after the commit (which can
 * fail, e.g. when the connection drops, although the write is safely stored).
 *
 * <p>The live projections record each row they write; the interceptor, on the command bus, hands
 * them to the sender with the command's result once the unit of work has committed.
 */
public final class CommittedViews {
    private static final String KEY = "flex.committedViews";

    private final Map<String, Object> rows;

    private CommittedViews(Map<String, Object> rows) {
        this.rows = rows;
    }

    /** The row of resource {@code sid} as this command left it. */
    public <T> Optional<T> row(String sid, Class<T> type) {
        return Optional.ofNullable(rows.get(sid)).filter(type::isInstance).map(type::cast);
    }

    /** Called by a live projection, in the command's transaction, with the row it just wrote. */
    static void record(String sid, Optional<?> row) {
        if (CurrentUnitOfWork.isStarted() && row.isPresent()) {
            rows(CurrentUnitOfWork.get().root()).put(sid, row.get());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rows(UnitOfWork<?> root) {
        return root.getOrComputeResource(KEY, k -> new HashMap<String, Object>());
    }

    /**
     * Answers every command with the rows its events wrote (complete once it has committed); the
     * command handlers' own results are not used by any caller.
     */
    public static MessageHandlerInterceptor<CommandMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            chain.proceed();
            return new CommittedViews(rows(unitOfWork.root()));
        };
    }
}
