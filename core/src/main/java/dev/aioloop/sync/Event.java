package dev.aioloop.sync;

import dev.aioloop.CancelledError;
import dev.aioloop.internal.waiting.Waiters;

/**
 * A flag tasks can wait for: asyncio's {@code Event}. {@link #set()} wakes every waiter;
 * {@link #clear()} makes later waits block again.
 *
 * <pre>{@code
 * Event ready = new Event();
 * createTask(async(() -> { ready.await(); System.out.println("go"); }));
 * ready.set();
 * }</pre>
 */
public final class Event {
    private final Waiters<Boolean> waiters = new Waiters<>("primitive");
    private boolean value;

    /** An event not set. */
    public Event() {
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every task waiting for it. */
    public void set() {
        if (!value) {
            value = true;
            waiters.wake(Integer.MAX_VALUE, true);
        }
    }

    /** Clears the flag. */
    public void clear() {
        value = false;
    }

    /**
     * Returns at once if the flag is set, else waits until it is; must be called inside a task.
     * Named after asyncio's {@code Event.wait()}, which Java's {@code Object.wait()} keeps for itself.
     *
     * @throws CancelledError if the task is cancelled while waiting
     */
    public void await() {
        if (value) {
            return;
        }
        waiters.park(waiters.add());
    }

    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset") + "]";
    }
}
