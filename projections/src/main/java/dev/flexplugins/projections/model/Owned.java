package dev.flexplugins.projections.model;

import java.util.function.Predicate;

/**
 * A row that belongs to one account. Tenancy is one rule, written here once: an account reads only
 * its own rows, and another account's row is answered exactly like a row that does not exist.
 */
public interface Owned {
    String accountSid();

    /** Keeps the rows of {@code accountSid}. */
    static <T extends Owned> Predicate<T> by(String accountSid) {
        return row -> row.accountSid().equals(accountSid);
    }
}
