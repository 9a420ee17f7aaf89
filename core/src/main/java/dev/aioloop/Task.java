package dev.aioloop;

import dev.aioloop.internal.ContinuationBridge;

/**
 * A coroutine scheduled on a loop: asyncio's {@code Task}. Made by {@link Loop#createTask(Coroutine)}
 * or {@link Asyncio#ensureFuture(Coroutine)}; it is the {@link Future} of the coroutine's result.
 *
 * <p>The body runs on the loop's thread, in steps: each {@code await} of something not yet done
 * suspends the body (its stack is kept in a continuation) and returns the thread to the loop, which
 * resumes the body once the awaited future is done.
 *
 * <p>Cancellation follows asyncio: {@link #cancel()} before the first step means the body never
 * runs; a task suspended at an await gets a {@link CancelledError} thrown there (its finally blocks
 * run), and the future it awaited is cancelled too; a body that catches the error and returns
 * normally has declined the cancellation.
 *
 * <pre>{@code
 * Task<Integer> t = loop.createTask(() -> { Asyncio.sleep(0.1); return 1; }, "one");
 * int one = loop.runUntilComplete(t);
 * }</pre>
 *
 * @param <T> the type of the coroutine's result
 */
public final class Task<T> extends Future<T> {
    private final Coroutine<T> coroutine;
    // Null until asked for when the task was given no name: most tasks are never named, and
    // formatting "Task-N" for each would cost the spawn path an allocation.
    private String name;
    private final long number;
    private Body body;
    // The future whose completion will resume this task; null when not suspended on one.
    private Future<?> waitingOn;
    // The timer sleep() arms: made at the task's first sleep and armed again at each next one, so that
    // a sleep allocates no future and no handle. In the timer queue only while the task sleeps.
    private SleepTimer sleepTimer;
    private boolean mustCancel;
    private String mustCancelMessage;
    // The loop's list of tasks not done yet, kept in the tasks themselves so that adding and
    // removing allocates nothing.
    Task<?> previousLive;
    Task<?> nextLive;

    Task(Loop loop, Coroutine<T> coroutine, String name, long number) {
        super(loop);
        this.coroutine = coroutine;
        this.name = name;
        this.number = number;
    }

    /** The task's name, for people: given at creation, or {@code Task-N}. */
    public String getName() {
        String n = name;
        if (n == null) {
            n = name = "Task-" + number;
        }
        return n;
    }

    /** Renames the task. */
    public void setName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("setName(null): give the task a name");
        }
        this.name = name;
    }

    /**
     * Requests cancellation; see the class description.
     *
     * @return false if the task is already done, true otherwise
     */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread("Task.cancel()");
        if (done()) {
            return false;
        }
        Future<?> w = waitingOn;
        if (w != null && w.cancel(msg)) {
            // The waiter's cancellation wakes this task, which then raises it at the await.
            return true;
        }
        SleepTimer s = sleepTimer;
        if (s != null && loop.timers.remove(s)) {
            // Asleep and not yet due: wake it now, as cancelling asyncio's sleep future would; the
            // cancellation is raised at the sleep. A due timer already in the ready queue wakes it anyway.
            loop.enqueueReady(this);
        }
        mustCancel = true;
        mustCancelMessage = msg;
        return true;
    }

    /** Runs the body until its next suspension or its end; called by the loop only. */
    void step() {
        if (done()) {
            // A done task is in the ready queue only for its one done callback (Future.scheduleCallbacks).
            runDoneCallback();
            return;
        }
        TaskObserver observer = loop.taskObserver;
        if (observer != null) {
            loop.notify(observer, this, Loop.TaskEvent.RESUMED);
        }
        runStep();
        if (observer != null) {
            loop.notify(observer, this, done() ? Loop.TaskEvent.DONE : Loop.TaskEvent.SUSPENDED);
        }
    }

    private void runStep() {
        Body b = body;
        if (b == null) {
            if (mustCancel) {
                // Cancelled before its first step: the body never runs.
                finishCancelled(mustCancelMessage);
                return;
            }
            b = body = newBody();
            if (b == null) {
                return;
            }
        }
        Task<?> outer = loop.currentTask;
        loop.currentTask = this;
        try {
            b.step();
        } finally {
            loop.currentTask = outer;
        }
    }

    private Body newBody() {
        try {
            return new Body(this);
        } catch (IllegalAccessError e) {
            UnsupportedOperationException failure = new UnsupportedOperationException(
                    "aioloop runs tasks as JDK continuations: start the JVM with " + ContinuationBridge.FLAG, e);
            loop.unlinkLive(this);
            fail(failure);
            return null;
        }
    }

    private void runBody() {
        T value;
        try {
            value = coroutine.run();
        } catch (CancelledError e) {
            finishCancelled(e.getMessage());
            return;
        } catch (Throwable e) {
            loop.unlinkLive(this);
            fail(e);
            return;
        }
        if (mustCancel) {
            // Cancelled after its last await: asyncio ends such a task cancelled, not with its value.
            finishCancelled(mustCancelMessage);
            return;
        }
        loop.unlinkLive(this);
        complete(value);
    }

    private void finishCancelled(String msg) {
        mustCancel = false;
        loop.unlinkLive(this);
        cancelNow(msg);
    }

    /** Suspends the current task until the loop steps it again; raises a pending cancellation. */
    private void suspend() {
        ContinuationBridge.suspend();
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(mustCancelMessage);
        }
    }

    /** Suspends the task for {@code seconds} (positive) on its own reusable timer. */
    void sleep(double seconds) {
        if (mustCancel) {
            // Cancelled while running (by itself): as with an await, the cancellation passes to the
            // sleep, which then ends at the next iteration instead of at its deadline.
            yieldNow();
            return;
        }
        SleepTimer timer = sleepTimer;
        if (timer == null) {
            timer = sleepTimer = new SleepTimer(this);
        }
        loop.arm(timer, Loop.deadlineAfter(seconds));
        try {
            suspend();
        } finally {
            loop.timers.remove(timer);
        }
    }

    /** Gives the loop one turn: the task is rescheduled at once (asyncio's {@code sleep(0)}). */
    void yieldNow() {
        loop.enqueueReady(this);
        suspend();
    }

    static <T> T awaitFuture(Future<T> future) throws Exception {
        Task<?> task = requireCurrent("await()");
        if (!future.done()) {
            if (future == task) {
                throw new IllegalStateException("A task cannot await itself: it would never finish");
            }
            if (future.loop != task.loop) {
                throw new IllegalStateException("The awaited future belongs to another loop: await futures of "
                        + "the task's own loop, or bridge with callSoonThreadsafe");
            }
            future.addListener(task);
            task.waitingOn = future;
            if (task.mustCancel && future.cancel(task.mustCancelMessage)) {
                // Cancelled while running (by itself): as asyncio does, the cancellation passes to the
                // future it now awaits, which wakes it at once instead of when that future completes.
                task.mustCancel = false;
            }
            try {
                task.suspend();
            } finally {
                task.waitingOn = null;
                if (!future.done()) {
                    future.removeListener(task);
                }
            }
        }
        return future.resultForAwait();
    }

    /** The task whose body calls this, or an {@link IllegalStateException} naming {@code what}. */
    static Task<?> requireCurrent(String what) {
        ContinuationBridge c = currentContinuation();
        if (c instanceof Body b) {
            return b.task;
        }
        throw new IllegalStateException(what + " must be called inside a task: run the coroutine with "
                + "loop.runUntilComplete(...), Asyncio.run(...) or Asyncio.ensureFuture(...)");
    }

    private static ContinuationBridge currentContinuation() {
        try {
            return ContinuationBridge.current();
        } catch (IllegalAccessError e) {
            return null;
        }
    }

    @Override
    String describeState() {
        return getName() + ", " + super.describeState();
    }

    /** The continuation a task's body runs in. */
    private static final class Body extends ContinuationBridge {
        final Task<?> task;

        Body(Task<?> task) {
            this.task = task;
        }

        @Override
        protected void body() {
            task.runBody();
        }

        // Declared here so that verifying Task needs only this class, not its JDK superclass: without
        // the JVM flag, Task still loads and can report the flag by name.
        void step() {
            resume();
        }
    }
}
