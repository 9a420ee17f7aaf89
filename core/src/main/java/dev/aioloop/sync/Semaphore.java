package dev.aioloop.sync;

import dev.aioloop.AsyncRunnable;
import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Coroutine;
import dev.aioloop.Future;
import dev.aioloop.internal.waiting.Waiters;

/**
 * A counter of permits for tasks of one loop: asyncio's {@code Semaphore}. {@link #acquire()} takes a
 * permit, waiting while there is none; {@link #release()} gives one back. Waiters are served first
 * come first served, and a newcomer does not overtake them even when a permit is free. A waiter
 * cancelled at the moment it was handed a permit gives it back and the next waiter gets it.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(10);   // at most 10 requests at once
 * String body = slots.withPermit(() -> await(fetch(url)));
 * }</pre>
 */
public sealed class Semaphore permits BoundedSemaphore {
    private final Waiters<Boolean> waiters = new Waiters<>("primitive");
    private int value;

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /** Whether {@link #acquire()} would wait now. */
    public final boolean locked() {
        return value == 0 || waiters.anyNotCancelled();
    }

    /** The permits free now. */
    public final int value() {
        return value;
    }

    /**
     * Takes a permit, waiting for one if needed; must be called inside a task.
     *
     * @throws CancelledError if the task is cancelled while waiting; no permit is then held
     */
    public final void acquire() {
        if (!locked()) {
            value--;
            return;
        }
        Future<Boolean> waiter = waiters.add();
        try {
            waiters.park(waiter);
        } catch (CancelledError e) {
            if (waiter.done() && !waiter.cancelled()) {
                // Woken with a permit it will not use: give it back.
                value++;
            }
            throw e;
        } finally {
            // Newcomers queued behind while permits were free: serve as many as there are permits.
            while (value > 0 && wakeNext()) {
                // each turn hands one permit
            }
        }
    }

    /** Gives a permit back and wakes the first waiter. */
    public void release() {
        value++;
        wakeNext();
    }

    /** Runs {@code body} inline holding a permit, and gives it back however the body ends. */
    public final <T> T withPermit(Coroutine<T> body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("withPermit(null): pass the block to run holding a permit");
        }
        acquire();
        try {
            return body.run();
        } finally {
            release();
        }
    }

    /** {@link #withPermit(Coroutine)} for a body with no result. */
    public final void withPermit(AsyncRunnable body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("withPermit(null): pass the block to run holding a permit");
        }
        withPermit(Asyncio.async(body));
    }

    /** Hands a permit to the first waiter not yet woken; false if there is none. */
    private boolean wakeNext() {
        if (waiters.wake(1, true) == 1) {
            value--;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + value + "]";
    }
}
