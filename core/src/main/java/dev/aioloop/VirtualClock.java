package dev.aioloop;

import java.util.Optional;

/**
 * The clock of a loop made by {@link Asyncio#newVirtualTimeLoop()}: virtual time, for tests of code
 * that sleeps, retries and times out. The clock stands still while callbacks run; when the loop has
 * nothing ready, it jumps to the next timer at once instead of waiting, so that {@code sleep(3600)}
 * returns in microseconds with {@link Loop#time()} 3600 s further, and timers still fire in deadline
 * order.
 *
 * <p>It jumps only while nothing outside the loop could still make work ready: no channel registered
 * on the loop's Netty event loop, no call of {@link Loop#runInExecutor} or {@link Asyncio#toThread}
 * still out, no stage given to {@link Asyncio#wrapFuture} still incomplete (that covers awaiting a
 * {@link Asyncio#runCoroutineThreadsafe} on another loop). Otherwise the loop waits in real time, as a
 * real loop would, and the clock moves by the time it waited: a test that also does real I/O sees its
 * bytes arrive before its timeouts. Timers scheduled on the Netty event loop itself follow this clock
 * too. Work handed in from another thread that the loop knows nothing of (a plain
 * {@code callSoonThreadsafe}) does not hold the clock back.
 *
 * <p>A task of the loop can also move the clock on purpose, as kotlinx-coroutines-test's scheduler
 * does; these moves ignore what is outside, since the caller says how much time passes:
 *
 * <pre>{@code
 * Loop loop = Asyncio.newVirtualTimeLoop();
 * loop.runUntilComplete(() -> {
 *     VirtualClock clock = VirtualClock.of(Asyncio.getRunningLoop()).orElseThrow();
 *     Task<String> slow = Asyncio.createTask(() -> Asyncio.sleep(10, "late"));
 *     clock.advanceTimeBy(9.5);          // slow still sleeps
 *     clock.advanceUntilIdle();          // now it is done, at +10 s
 *     return slow.result();
 * });
 * }</pre>
 */
public final class VirtualClock {
    private final ManualDriver driver;
    // What the clock read when the loop was made: the origin of the time Netty's scheduler sees.
    private final long start = System.nanoTime();
    // Written by the loop's thread only; read by any thread through Loop.time().
    private volatile long now = start;

    VirtualClock(ManualDriver driver) {
        this.driver = driver;
    }

    /** The virtual clock of {@code loop}, or nothing if the loop runs on real time. */
    public static Optional<VirtualClock> of(Loop loop) {
        if (loop == null) {
            throw new IllegalArgumentException("VirtualClock.of(null): pass the loop");
        }
        return loop.driver instanceof ManualDriver d ? Optional.ofNullable(d.virtualClock()) : Optional.empty();
    }

    long nanoTime() {
        return now;
    }

    /** Nanoseconds since the loop was made: the time of Netty's scheduler on the loop's event loop. */
    long sinceStart() {
        return now - start;
    }

    void advance(long nanos) {
        if (nanos > 0) {
            now += nanos;
        }
    }

    private void advanceTo(long deadline) {
        advance(deadline - now);
    }

    /**
     * Runs what is ready now, and what that makes ready, until nothing is ready at this time, without
     * moving the clock: kotlinx's {@code runCurrent}. Timers already due count as ready.
     *
     * @throws IllegalStateException outside a task of this clock's loop
     */
    public void runCurrent() {
        runCurrent(requireTask("runCurrent()"));
    }

    /**
     * Lets the other tasks and callbacks run while the clock moves from timer to timer, until
     * {@code seconds} have passed; the caller resumes exactly that much later. What is due at that
     * very moment is left for {@link #runCurrent()} or the caller's next await, as kotlinx's
     * {@code advanceTimeBy} leaves it.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     * @throws IllegalStateException outside a task of this clock's loop
     */
    public void advanceTimeBy(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("advanceTimeBy(" + seconds + "): give a number of seconds, 0 or more");
        }
        Task<?> caller = requireTask("advanceTimeBy()");
        long target = now + Clock.toNanos(seconds);
        for (long next; ; advanceTo(next)) {
            runCurrent(caller);
            next = driver.nextTimerDeadline();
            if (next == Long.MAX_VALUE || next - target >= 0) {
                break;
            }
        }
        advanceTo(target);
    }

    /**
     * Runs the other tasks and callbacks, moving the clock from timer to timer, until every other
     * task is done or waits on something other than a timer (a future, a queue, a socket): kotlinx's
     * {@code advanceUntilIdle}. A callback that keeps re-arming itself keeps it running.
     *
     * @throws IllegalStateException outside a task of this clock's loop
     */
    public void advanceUntilIdle() {
        Task<?> caller = requireTask("advanceUntilIdle()");
        for (long next; ; advanceTo(next)) {
            runCurrent(caller);
            next = driver.nextTimerDeadline();
            if (next == Long.MAX_VALUE) {
                return;
            }
        }
    }

    private void runCurrent(Task<?> caller) {
        while (driver.hasCurrentWork(now)) {
            // The caller goes to the back of the ready queue: everything ahead of it runs first.
            caller.yieldNow();
        }
    }

    private Task<?> requireTask(String what) {
        Task<?> task = Task.requireCurrent("VirtualClock." + what);
        if (VirtualClock.of(task.loop).orElse(null) != this) {
            throw new IllegalStateException("VirtualClock." + what + " was called from a task of another loop: "
                    + "call it from a task of the clock's own loop");
        }
        return task;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + Clock.seconds(now) + "]";
    }
}
