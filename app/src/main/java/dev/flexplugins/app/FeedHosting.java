package dev.flexplugins.app;

import dev.flexplugins.application.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Lets the feed sequencer's batch (its feed rows and its token) commit inside a command's
 * transaction on this node instead of a transaction of its own, so that under load a create costs
 * one commit, not one plus a share of the sequencer's.
 *
 * <p>The sequencer's thread, about to start a batch's transaction while commands are committing,
 * waits briefly for a host ({@link #awaitHost}). A command's transaction about to commit finds it
 * waiting ({@link #offer}): it sets a savepoint, lends its connection and waits while the sequencer
 * runs the batch on it (the two threads never use the connection at once: the command's thread
 * waits until the sequencer has decided). When the sequencer commits, the command's transaction
 * commits, both parts in one commit, and the sequencer learns the outcome; when the sequencer rolls
 * back, the command's transaction rolls back to the savepoint and commits its own work alone. No
 * host within the wait: the batch runs in its own transaction, as before. Either way the batch and
 * its token commit together or not at all, and one batch at a time, so positions keep their order.
 *
 * <p>Writers are not serialised: a command hosts only when the sequencer is waiting, and the others
 * commit as usual meanwhile.
 */
final class FeedHosting {
    /** How long a host waits for the sequencer's decision before giving up its own commit too. */
    private static final long DECISION_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Only while commands committed this recently does the sequencer wait for one. */
    private static final long ACTIVE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long waitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean guestWaiting;
    private volatile long lastCommitNanos = System.nanoTime() - ACTIVE_NANOS;
    private Lent offered;
    private final AtomicLong hosted = new AtomicLong();
    private final AtomicLong alone = new AtomicLong();

    /**
     * @param wait how long the sequencer waits for a command to host its batch (0: never hosted)
     */
    FeedHosting(Duration wait) {
        this.waitNanos = Math.max(0, wait.toNanos());
    }

    /**
     * The sequencer's transactions (its batches, and its claim renewals when idle) carried by a
     * command's commit, and those committed on their own.
     */
    long hostedBatches() {
        return hosted.get();
    }

    long ownBatches() {
        return alone.get();
    }

    /** A connection lent by a committing command to the sequencer for one batch. */
    static final class Lent {
        final Object status;
        private Boolean commit;
        private boolean done;
        private RuntimeException failure;

        private Lent(Object status) {
            this.status = status;
        }
    }

    /**
     * The sequencer's thread: a lent connection, or null when no command committed within the wait
     * (or none is committing now: then no wait at all).
     */
    Lent awaitHost() {
        if (waitNanos == 0 || System.nanoTime() - lastCommitNanos > ACTIVE_NANOS) {
            alone.incrementAndGet();
            return null;
        }
        lock.lock();
        try {
            guestWaiting = true;
            long nanos = waitNanos;
            while (offered == null && nanos > 0) {
                try {
                    nanos = changed.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    // shutting down: take a host already offered, else go alone
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            guestWaiting = false;
            Lent lent = offered;
            offered = null;
            (lent == null ? alone : hosted).incrementAndGet();
            return lent;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The sequencer's thread: commit the batch with the host's transaction; throws if it failed.
     */
    void commit(Lent lent) {
        decide(lent, true);
        lock.lock();
        try {
            awaitWhile(() -> !lent.done);
            if (!lent.done) {
                throw new IllegalStateException(
                        "the feed batch's hosting transaction did not finish");
            }
            if (lent.failure != null) {
                throw new IllegalStateException(
                        "the feed batch's hosting transaction did not commit: "
                                + lent.failure.getMessage(),
                        lent.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The sequencer's thread: its batch is undone; the host commits its own work alone. */
    void rollback(Lent lent) {
        decide(lent, false);
    }

    /**
     * Holding the lock: waits while {@code waiting} holds, up to the decision timeout. The other
     * side is in the middle of a batch or a commit, which it finishes however it ends: an interrupt
     * (shutting down) is kept for afterwards, not acted on mid-exchange.
     */
    private void awaitWhile(BooleanSupplier waiting) {
        long nanos = DECISION_TIMEOUT_NANOS;
        boolean interrupted = false;
        while (waiting.getAsBoolean() && nanos > 0) {
            try {
                nanos = changed.awaitNanos(nanos);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void decide(Lent lent, boolean commit) {
        lock.lock();
        try {
            lent.commit = commit;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A command's thread, about to commit {@code connection}'s transaction ({@code status} is what
     * the sequencer's thread will bind): when the sequencer is waiting, lends it the connection and
     * returns once the sequencer has run its batch and decided (after rolling back to the savepoint
     * if it rolled back). Returns the loan, to be told the commit's outcome, or null.
     */
    Lent offer(Object status, Connection connection) throws SQLException {
        lastCommitNanos = System.nanoTime();
        if (!guestWaiting) {
            return null;
        }
        Savepoint savepoint = connection.setSavepoint();
        Lent lent = new Lent(status);
        lock.lock();
        try {
            if (!guestWaiting || offered != null) {
                return null; // another command was quicker (the savepoint goes with the commit)
            }
            offered = lent;
            guestWaiting = false;
            changed.signalAll();
            awaitWhile(() -> lent.commit == null);
            if (lent.commit == null) {
                // The sequencer may still be using the connection: this transaction cannot commit.
                lent.done = true;
                lent.failure = new IllegalStateException("the feed sequencer did not decide");
                changed.signalAll();
                // nothing of this command commits: the caller rolls back and answers 503
                throw new ServiceUnavailableException(ServiceUnavailableException.BUSY);
            }
        } finally {
            lock.unlock();
        }
        if (!lent.commit) {
            connection.rollback(savepoint);
        }
        return lent;
    }

    /** A command's thread: how the commit that hosted {@code lent} ended (null: committed). */
    void finished(Lent lent, RuntimeException failure) {
        lock.lock();
        try {
            lent.done = true;
            lent.failure = Boolean.TRUE.equals(lent.commit) ? failure : null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
