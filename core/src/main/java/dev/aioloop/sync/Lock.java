package dev.aioloop.sync;

import dev.aioloop.AsyncRunnable;
import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Coroutine;
import dev.aioloop.Future;
import dev.aioloop.internal.waiting.Waiters;

/**
 * A mutual-exclusion lock for tasks of one loop: asyncio's {@code Lock}. Not reentrant and not
 * owned: any task may release it. Waiters acquire it in the order they asked (FIFO). A waiter
 * cancelled at the moment it was handed the lock passes it on to the next one.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * int n = lock.withLock(() -> { counter++; sleep(0); return counter; });
 * }</pre>
 */
public final class Lock {
    private final Waiters<Boolean> waiters = new Waiters<>("primitive");
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {
    }

    /** Whether a task holds the lock. */
    public boolean locked() {
        return locked;
    }

    /**
     * Waits until the lock is free and takes it; must be called inside a task.
     *
     * @throws CancelledError if the task is cancelled while waiting; the lock is then not held
     */
    public void acquire() {
        if (!locked && !waiters.anyNotCancelled()) {
            locked = true;
            return;
        }
        Future<Boolean> waiter = waiters.add();
        try {
            waiters.park(waiter);
        } catch (CancelledError e) {
            // Perhaps release() had chosen this waiter: someone else must get the lock then.
            if (!locked) {
                waiters.wakeHead(true);
            }
            throw e;
        }
        locked = true;
    }

    /**
     * Releases the lock and wakes the first waiter.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired: release() must follow an acquire()");
        }
        locked = false;
        waiters.wakeHead(true);
    }

    /** Runs {@code body} inline holding the lock, and releases it however the body ends. */
    public <T> T withLock(Coroutine<T> body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("withLock(null): pass the block to run holding the lock");
        }
        acquire();
        try {
            return body.run();
        } finally {
            release();
        }
    }

    /** {@link #withLock(Coroutine)} for a body with no result. */
    public void withLock(AsyncRunnable body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("withLock(null): pass the block to run holding the lock");
        }
        withLock(Asyncio.async(body));
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + "]";
    }
}
