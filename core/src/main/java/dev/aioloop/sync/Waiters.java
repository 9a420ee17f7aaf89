package dev.aioloop.sync;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The parked tasks of one primitive, first come first served, each as the future it awaits; and the
 * loop the primitive is bound to, which is the running loop of its first wait (asyncio's
 * {@code _LoopBoundMixin}): a primitive serves one loop only.
 */
final class Waiters implements Iterable<Future<Boolean>> {
    private final ArrayDeque<Future<Boolean>> queue = new ArrayDeque<>();
    private Loop loop;

    /** A new waiter at the end of the line, bound to the running loop. */
    Future<Boolean> add() {
        Loop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException("This primitive is bound to another event loop: "
                    + "make one per loop, and use it from that loop's tasks only");
        }
        Future<Boolean> waiter = running.createFuture();
        queue.addLast(waiter);
        return waiter;
    }

    /** Wakes the first waiter not already woken or cancelled; false if there was none. */
    boolean wakeFirstPending(boolean value) {
        for (Future<Boolean> w : queue) {
            if (!w.done()) {
                w.setResult(value);
                return true;
            }
        }
        return false;
    }

    /** Wakes the head of the line unless it is woken already (then it will act by itself). */
    void wakeHead() {
        Future<Boolean> head = queue.peekFirst();
        if (head != null && !head.done()) {
            head.setResult(true);
        }
    }

    /** Whether some waiter is in line and not cancelled (it may already be woken). */
    boolean anyNotCancelled() {
        for (Future<Boolean> w : queue) {
            if (!w.cancelled()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<Future<Boolean>> iterator() {
        return queue.iterator();
    }

    /**
     * Awaits {@code waiter} in the current task, taking it out of the line however the wait ends.
     * Only a {@link dev.aioloop.CancelledError} can come out of it.
     */
    boolean park(Future<Boolean> waiter) {
        try {
            return waiter.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            throw new AssertionError("a waiter's future is only ever woken or cancelled", impossible);
        } finally {
            queue.remove(waiter);
        }
    }
}
