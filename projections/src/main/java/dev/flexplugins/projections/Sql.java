package dev.flexplugins.projections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A piece of SQL with the values of its {@code ?} placeholders. Fragments compose by appending,
 * each carrying its own values, so no caller splices text or counts parameter positions.
 */
record Sql(String text, List<Object> args) {

    Sql {
        // values may be SQL NULL, which List.copyOf refuses
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    static Sql of(String text, Object... args) {
        return new Sql(text, Arrays.asList(args));
    }

    /** This fragment followed by {@code next}. */
    Sql then(Sql next) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(next.args);
        return new Sql(text + next.text, all);
    }

    Sql then(String text, Object... args) {
        return then(of(text, args));
    }
}
