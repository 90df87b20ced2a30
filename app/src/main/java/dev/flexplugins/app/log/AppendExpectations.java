package dev.flexplugins.app.log;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a command took as given about the event streams, without reading them, for the storage
 * engine to check when it appends the command's events (see {@link JdbcStreamHeads#forCreation}).
 * Kept as a resource of the command's root unit of work, so it lives and dies with the command.
 */
final class AppendExpectations {
    private static final String KEY = AppendExpectations.class.getName();

    /**
     * {@code checked}'s last sequence number is {@code head}, and {@code created} has no events;
     * {@code onFailure} runs if that turns out not to hold.
     */
    record Expectation(String checked, long head, String created, Runnable onFailure) {}

    private AppendExpectations() {}

    static boolean possible() {
        return CurrentUnitOfWork.isStarted();
    }

    static void expect(Expectation expectation) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Expectation> expected = root.getOrComputeResource(KEY, key -> new ArrayList<>());
        expected.add(expectation);
    }

    /** The current command's expectations, handed over once (to the first append). */
    static List<Expectation> take() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Expectation> expected =
                (List<Expectation>) CurrentUnitOfWork.get().root().resources().remove(KEY);
        return expected == null ? List.of() : expected;
    }
}
