package dev.aioloop.sync;

import dev.aioloop.AsyncRunnable;
import dev.aioloop.CancelledError;
import dev.aioloop.Coroutine;
import dev.aioloop.internal.Throwables;
import dev.aioloop.internal.waiting.Waiters;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks of one loop: asyncio's {@code Condition}. A task holding the
 * condition's {@link Lock} waits with {@link #await()}, which releases the lock while it waits and
 * takes it back before returning, even when cancelled. {@link #signal(int)} (asyncio's
 * {@code notify(n)}) and {@link #signalAll()} ({@code notify_all}) wake waiters first come first served:
 * named as {@code java.util.concurrent.locks.Condition} names them, since {@code Object.notify()} would
 * otherwise compile and fail at run time. A
 * waiter cancelled after it was notified passes the notification on (a spurious wake-up for the next,
 * which the condition-variable protocol allows; the notification is not lost).
 *
 * <pre>{@code
 * Condition cond = new Condition();
 * cond.withLock(() -> { cond.awaitUntil(() -> !items.isEmpty()); return items.remove(0); });
 * // elsewhere
 * cond.withLock(() -> { items.add(x); cond.signal(); });
 * }</pre>
 */
public final class Condition {
    private final Lock lock;
    private final Waiters<Boolean> waiters = new Waiters<>("primitive");

    /** A condition with a lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which may be shared with other conditions. */
    public Condition(Lock lock) {
        if (lock == null) {
            throw new IllegalArgumentException("Condition(null): pass a Lock, or use new Condition()");
        }
        this.lock = lock;
    }

    /** Whether the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /** Takes the underlying lock; see {@link Lock#acquire()}. */
    public void acquire() {
        lock.acquire();
    }

    /** Releases the underlying lock; see {@link Lock#release()}. */
    public void release() {
        lock.release();
    }

    /** Runs {@code body} inline holding the underlying lock. */
    public <T> T withLock(Coroutine<T> body) throws Exception {
        return lock.withLock(body);
    }

    /** {@link #withLock(Coroutine)} for a body with no result. */
    public void withLock(AsyncRunnable body) throws Exception {
        lock.withLock(body);
    }

    /**
     * Releases the lock, waits to be notified, and takes the lock back: asyncio's
     * {@code Condition.wait()}. The lock is held again when this returns or throws.
     *
     * @throws IllegalStateException if the lock is not held
     * @throws CancelledError if the task is cancelled while waiting
     */
    public void await() {
        if (!lock.locked()) {
            throw new IllegalStateException("Cannot wait on a condition whose lock is not acquired: acquire() first");
        }
        lock.release();
        Throwable failure = null;
        try {
            waiters.park(waiters.add());
        } catch (Throwable e) {
            failure = e;
        }
        // The lock must be held again whatever happened, even if cancelled again meanwhile.
        CancelledError cancelled = null;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (CancelledError e) {
                cancelled = e;
            }
        }
        if (cancelled != null) {
            // As asyncio does, the latest cancellation is the one raised.
            failure = cancelled;
        }
        if (failure != null) {
            // This waiter may have been notified just before failing: hand that on.
            signal(1);
            throw Throwables.sneakyThrow(failure);
        }
    }

    /**
     * Waits until {@code predicate} holds, checking it first and after each wake-up; the lock must be
     * held.
     */
    public void awaitUntil(BooleanSupplier predicate) {
        if (predicate == null) {
            throw new IllegalArgumentException("awaitUntil(null): pass the predicate to wait for, e.g. () -> !items.isEmpty()");
        }
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /** Wakes the longest-waiting task, if any (asyncio's {@code notify()}); the lock must be held. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, first come first served (asyncio's {@code notify(n)}); the
     * lock must be held.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signal(int n) {
        if (!lock.locked()) {
            throw new IllegalStateException("Cannot notify a condition whose lock is not acquired: acquire() first");
        }
        waiters.wake(n, false);
    }

    /** Wakes every waiting task (asyncio's {@code notify_all}); the lock must be held. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }
}
