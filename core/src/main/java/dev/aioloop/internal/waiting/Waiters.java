package dev.aioloop.internal.waiting;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import java.util.ArrayDeque;

/**
 * Internal to aioloop, not API: one line of tasks parked on a primitive (a lock, a queue's getters),
 * first come first served, each as the future it awaits; and the loop the primitive is bound to, the
 * running loop of its first wait (asyncio's {@code _LoopBoundMixin}), which the lines of one primitive
 * share.
 *
 * <p>A woken waiter stays in line until its task resumes and takes it out, so that a wake-up can tell
 * a waiter already woken, which will act by itself, from one still waiting.
 *
 * @param <T> what a wake-up hands the waiter
 */
public final class Waiters<T> {
    private final ArrayDeque<Future<T>> line = new ArrayDeque<>();
    // The line that holds the primitive's loop; this one itself unless made with a sibling.
    private final Waiters<?> binding;
    private final String primitive;
    private Loop loop;

    /**
     * The first (or only) line of a primitive.
     *
     * @param primitive what the primitive is, for the error a task of another loop gets when it waits
     */
    public Waiters(String primitive) {
        this.binding = this;
        this.primitive = primitive;
    }

    /** Another line of the primitive {@code sibling} serves, bound to the same loop. */
    public Waiters(Waiters<?> sibling) {
        this.binding = sibling.binding;
        this.primitive = sibling.primitive;
    }

    /** A new waiter at the end of the line, for the current task of the primitive's loop. */
    public Future<T> add() {
        Future<T> waiter = binding.bind().createFuture();
        line.addLast(waiter);
        return waiter;
    }

    private Loop bind() {
        Loop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException("This " + primitive + " is bound to another event loop: "
                    + "make one per loop, and use it from that loop's tasks only");
        }
        return running;
    }

    /**
     * Awaits {@code waiter} in the current task, taking it out of the line however the wait ends.
     * Only a {@link dev.aioloop.CancelledError} can come out of it.
     */
    public T park(Future<T> waiter) {
        try {
            return waiter.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            throw new AssertionError("a waiter's future is only ever woken or cancelled", impossible);
        } finally {
            line.remove(waiter);
        }
    }

    /**
     * Wakes up to {@code n} waiters with {@code value}, first come first served, passing over those
     * already woken or cancelled.
     *
     * @return how many it woke
     */
    public int wake(int n, T value) {
        int woken = 0;
        for (Future<T> w : line) {
            if (woken >= n) {
                break;
            }
            if (!w.done()) {
                w.setResult(value);
                woken++;
            }
        }
        return woken;
    }

    /** Wakes the head of the line unless it is woken already (then it will act by itself). */
    public void wakeHead(T value) {
        Future<T> head = line.peekFirst();
        if (head != null && !head.done()) {
            head.setResult(value);
        }
    }

    /** Whether some waiter is in line and not cancelled (it may already be woken). */
    public boolean anyNotCancelled() {
        for (Future<T> w : line) {
            if (!w.cancelled()) {
                return true;
            }
        }
        return false;
    }
}
