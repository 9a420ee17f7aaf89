package dev.aioloop;

import dev.aioloop.internal.Throwables;

/**
 * A deadline over a block of code run in the current task: asyncio's {@code asyncio.timeout()} /
 * {@code asyncio.timeout_at()}. Made by {@link Asyncio#timeout(double)} or
 * {@link Asyncio#timeoutAt(double)}, used once with {@link #run(Coroutine)}.
 *
 * <p>When the deadline passes while the body runs, the current task is cancelled; the body sees a
 * {@link CancelledError} at its await, its finally blocks run, and when the error reaches the end of
 * the block this scope turns it into a {@link TimeoutError} (with the cancellation as its cause). A
 * cancellation that came from elsewhere meanwhile stays a cancellation: the scope counts the task's
 * requests with {@link Task#cancelling()} and withdraws only its own with {@link Task#uncancel()}. A
 * body that finishes, even after the deadline, keeps its own result or exception. Scopes nest: each
 * one converts only the cancellation it caused.
 *
 * <p>Why a method taking the body and not a try-with-resources: a resource's {@code close()} can add
 * a suppressed exception but cannot replace the one the body threw, and this scope must replace the
 * body's {@code CancelledError} by a {@code TimeoutError}. Running the body inline in
 * {@link #run(Coroutine)} keeps asyncio's rules exact and hands the body's value back.
 *
 * <p>The deadline is armed on the loop's own timer heap: it fires on time (asyncio's precision, not
 * the coarse tick of a hashed wheel), and arming then cancelling it on the loop's thread costs a heap
 * insert and remove, with no lock and no other thread.
 *
 * <pre>{@code
 * Timeout t = timeout(2.0);
 * String page = t.run(() -> {
 *     String head = await(fetch("/head"));
 *     t.reschedule(getRunningLoop().time() + 1.0);   // one more second for the rest
 *     return head + await(fetch("/body"));
 * });
 * }</pre>
 */
public final class Timeout {
    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private State state = State.CREATED;
    private double when;
    private Task<?> task;
    private int cancellingOnEntry;
    // The armed expiry: a timer, or a callSoon when the deadline is already past.
    private Handle handle;

    Timeout(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("timeout: the deadline is NaN; give a time, or infinity for none");
        }
        this.when = when;
    }

    /** The deadline, in the seconds of {@link Loop#time()}; infinity for none. */
    public double when() {
        return when;
    }

    /** Whether the deadline passed while the body ran (and so the scope cancelled its task). */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Moves the deadline, from inside the body; a deadline already past fires at the next iteration;
     * infinity disarms it.
     *
     * @throws IllegalStateException before {@link #run(Coroutine)} has started, or once the scope has
     *         expired or ended
     */
    public void reschedule(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("reschedule(NaN): give a time from loop.time(), or infinity for none");
        }
        if (state != State.ENTERED) {
            throw new IllegalStateException(state == State.CREATED
                    ? "This timeout has not been entered: call reschedule() from inside run()"
                    : "Cannot reschedule a timeout that has " + (state == State.EXITED ? "ended" : "expired"));
        }
        this.when = when;
        arm();
    }

    /**
     * Runs {@code body} inline in the current task under this deadline and returns its value.
     *
     * @throws TimeoutError if the deadline passed and the body ended with the cancellation it caused
     * @throws CancelledError if the task was cancelled from elsewhere
     * @throws IllegalStateException outside a task, or if this scope was already used
     */
    public <T> T run(Coroutine<T> body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("run(null): pass the block to run under the timeout");
        }
        enter();
        T value;
        try {
            value = body.run();
        } catch (Throwable e) {
            throw Throwables.sneakyThrow(exit(e));
        }
        exit(null);
        return value;
    }

    /** {@link #run(Coroutine)} for a body with no result: {@code timeout(2).run(() -> { ... })}. */
    public void run(AsyncRunnable body) throws Exception {
        run(Bodies.of(body, "run"));
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("This timeout was already used: make a new one for each block");
        }
        Task<?> current = Task.requireCurrent("Timeout.run()");
        task = current;
        cancellingOnEntry = current.cancelling();
        state = State.ENTERED;
        arm();
    }

    private void arm() {
        disarm();
        if (when == Double.POSITIVE_INFINITY) {
            return;
        }
        Loop loop = task.loop;
        handle = when <= loop.time() ? loop.callSoon(this::expire) : loop.callAt(when, this::expire);
    }

    private void disarm() {
        Handle h = handle;
        if (h != null) {
            handle = null;
            h.cancel();
        }
    }

    private void expire() {
        handle = null;
        task.cancel();
        state = State.EXPIRING;
    }

    /** Leaves the scope; returns what the block must throw when it ended with {@code failure}. */
    private Throwable exit(Throwable failure) {
        disarm();
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingOnEntry && failure instanceof CancelledError) {
                TimeoutError timeout = new TimeoutError("the block did not finish within its timeout");
                timeout.initCause(failure);
                return timeout;
            }
        } else {
            state = State.EXITED;
        }
        return failure;
    }
}
