package dev.aioloop;

/**
 * A callback scheduled for a point in the loop's time by {@link Loop#callLater(double, Runnable)} or
 * {@link Loop#callAt(double, Runnable)}. Cancelling it takes it out of the loop's timer queue at once.
 *
 * <pre>{@code
 * TimerHandle h = loop.callLater(5.0, () -> System.out.println("too late"));
 * double due = h.when();   // in loop.time() seconds
 * h.cancel();
 * }</pre>
 */
public sealed class TimerHandle extends Handle permits SleepTimer {
    // Set by Loop.arm, once for a user's timer, at each sleep for a task's own SleepTimer.
    long deadlineNanos;
    long sequence;
    int heapIndex = -1;

    TimerHandle(Loop loop, Runnable callback) {
        super(loop, callback);
    }

    /** When the callback is due, in the seconds of {@link Loop#time()}. */
    public double when() {
        return Clock.seconds(deadlineNanos);
    }

    /** Cancels the callback and removes it from the timer queue; must be called on the loop's thread. */
    @Override
    public void cancel() {
        if (!cancelled()) {
            loop.checkThread("TimerHandle.cancel()");
            super.cancel();
            loop.timers.remove(this);
        }
    }

    boolean before(TimerHandle other) {
        long d = deadlineNanos - other.deadlineNanos;
        return d < 0 || (d == 0 && sequence < other.sequence);
    }
}
