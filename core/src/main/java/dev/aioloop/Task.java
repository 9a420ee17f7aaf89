package dev.aioloop;

import dev.aioloop.internal.ContinuationBridge;
import dev.aioloop.internal.JvmFlags;

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
public final class Task<T> extends Future<T> implements Callbacks.Listener {
    private Coroutine<T> coroutine;
    // Null until asked for when the task was given no name: most tasks are never named, and
    // formatting "Task-N" for each would cost the spawn path an allocation.
    private String name;
    private final long number;
    private Body body;
    // The context the body runs in: a copy of its creator's, or the one given; null while empty, made
    // by the loop when the body first sets a variable (Loop.materializeContext).
    Context context;
    // The future whose completion will resume this task; null when not suspended on one.
    private Future<?> waitingOn;
    // The timer sleep() arms: made at the task's first sleep and armed again at each next one, so that
    // a sleep allocates no future and no handle. In the timer queue only while the task sleeps.
    private SleepTimer sleepTimer;
    private boolean mustCancel;
    private String mustCancelMessage;
    // A cancellation delivered to the sleep itself, as to asyncio's sleep future: it ends the sleep
    // with CancelledError even if uncancel() withdraws the request before the task runs again.
    private boolean sleepCancelled;
    private String sleepCancelMessage;
    // Cancellation requests not yet withdrawn by uncancel(): how a timeout scope or a task group
    // tells its own cancellation from one coming from outside.
    private int cancelRequests;
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
            n = name = defaultName(number);
        }
        return n;
    }

    /** The name given or set, or null while the task goes by its number (nobody asked for its name). */
    String explicitName() {
        return name;
    }

    long number() {
        return number;
    }

    static String defaultName(long number) {
        return "Task-" + number;
    }

    /** Renames the task. */
    public void setName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("setName(null): give the task a name");
        }
        this.name = name;
    }

    /**
     * How many cancellation requests this task has had and not withdrawn with {@link #uncancel()}:
     * asyncio's {@code Task.cancelling()}. A scope that cancels its task on purpose (a timeout, a task
     * group) compares this count with the one it saw on entry to know whether someone else asked too.
     */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Withdraws one cancellation request: asyncio 3.13's {@code Task.uncancel()}. When none is left, a
     * cancellation requested but not yet delivered at an await is dropped as well.
     *
     * <pre>{@code
     * try { sleep(10); } catch (CancelledError e) { if (task.uncancel() > 0) throw e; }
     * }</pre>
     *
     * @return the number of requests left
     */
    public int uncancel() {
        loop.checkThread("Task.uncancel()");
        if (cancelRequests > 0 && --cancelRequests == 0) {
            mustCancel = false;
        }
        return cancelRequests;
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
        cancelRequests++;
        Future<?> w = waitingOn;
        if (w != null && w.cancel(msg)) {
            // The waiter's cancellation wakes this task, which then raises it at the await.
            return true;
        }
        SleepTimer s = sleepTimer;
        if (s != null && loop.timers.remove(s)) {
            // Asleep and not yet due: wake it now, as cancelling asyncio's sleep future would. A due
            // timer already in the ready queue wakes it anyway, and mustCancel raises it then.
            cancelSleep(msg);
            return true;
        }
        mustCancel = true;
        mustCancelMessage = msg;
        return true;
    }

    /**
     * Refused, as in asyncio: a task's result is what its coroutine returns.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("A task's result is what its coroutine returns: setResult() is for "
                + "futures made with loop.createFuture(); to stop a task, cancel() it");
    }

    /**
     * Refused, as in asyncio: a task fails with what its coroutine throws.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setException(Throwable exception) {
        throw new UnsupportedOperationException("A task fails with what its coroutine throws: setException() is for "
                + "futures made with loop.createFuture(); to stop a task, cancel() it");
    }

    /** Runs the body until its next suspension or its end; called by the loop only. */
    @Override
    void runReady() {
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
        // Saved and restored, not cleared: an eager task's first step runs inside its creator's.
        Task<?> outer = loop.currentTask;
        Context outerContext = loop.context;
        loop.currentTask = this;
        Context c = context;
        loop.context = c != null ? c : Context.UNSET;
        try {
            b.step();
        } finally {
            loop.currentTask = outer;
            loop.context = outerContext;
            if (done()) {
                // What only a running body needs goes with it: a done task is kept as long as anyone
                // holds its result, often by the thousand (a gather's children).
                coroutine = null;
                body = null;
                sleepTimer = null;
            }
        }
    }

    private Body newBody() {
        try {
            return new Body(this);
        } catch (IllegalAccessError e) {
            UnsupportedOperationException failure = new UnsupportedOperationException(
                    JvmFlags.missingContinuationFlag(), e);
            loop.tasks.remove(this);
            fail(failure);
            return null;
        }
    }

    private void finishCancelled(String msg) {
        mustCancel = false;
        loop.tasks.remove(this);
        cancelNow(msg);
    }

    /**
     * Suspends the current task until the loop steps it again; raises a pending cancellation. When a
     * native frame pins the stack, nothing is suspended and the bridge's IllegalStateException comes
     * out: the wake-up the caller queued is withdrawn then, or it would resume the task's next await
     * before that await's future is done.
     */
    private void suspend() {
        try {
            ContinuationBridge.suspend();
        } catch (IllegalStateException refused) {
            loop.withdrawReady(this);
            throw refused;
        }
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(mustCancelMessage);
        }
    }

    /** Suspends the task for {@code seconds} (positive) on its own reusable timer. */
    void sleep(double seconds) {
        SleepTimer timer = sleepTimer;
        if (timer == null) {
            timer = sleepTimer = new SleepTimer(this);
        }
        if (mustCancel) {
            // Cancelled while running (by itself): as in awaitFuture, the cancellation passes to the
            // sleep, which then ends at the next turn instead of at its deadline.
            mustCancel = false;
            cancelSleep(mustCancelMessage);
        } else {
            loop.arm(timer, loop.clock.deadlineAfter(seconds));
        }
        try {
            suspend();
        } catch (CancelledError e) {
            sleepCancelled = false;
            throw e;
        } catch (IllegalStateException refused) {
            if (sleepCancelled) {
                // Nothing slept: the cancellation passed to the sleep stays the task's.
                sleepCancelled = false;
                mustCancel = true;
                mustCancelMessage = sleepCancelMessage;
            }
            throw refused;
        } finally {
            loop.timers.remove(timer);
        }
        if (sleepCancelled) {
            sleepCancelled = false;
            throw new CancelledError(sleepCancelMessage);
        }
    }

    private void cancelSleep(String msg) {
        sleepCancelled = true;
        sleepCancelMessage = msg;
        loop.enqueueReady(this);
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
            boolean cancelPassed = false;
            if (task.mustCancel && future.cancel(task.mustCancelMessage)) {
                // Cancelled while running (by itself): as asyncio does, the cancellation passes to the
                // future it now awaits, which wakes it at once instead of when that future completes.
                task.mustCancel = false;
                cancelPassed = true;
            }
            try {
                task.suspend();
            } catch (IllegalStateException refused) {
                // Nothing was awaited: the task keeps its cancellation.
                task.mustCancel |= cancelPassed;
                throw refused;
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

    // ---- what dumps and call graphs read, on the loop's thread ----

    /** The future this task is suspended on, or null. */
    Future<?> waitingOn() {
        return waitingOn;
    }

    /** The timer of the sleep this task is in, or null if it does not sleep. */
    TimerHandle pendingSleep() {
        SleepTimer s = sleepTimer;
        return s != null && s.heapIndex >= 0 ? s : null;
    }

    /** Whether the body has had its first step. */
    boolean started() {
        return body != null;
    }

    /** Whether this task's body is the one running now, on this thread. */
    boolean isCurrent() {
        Body b = body;
        return b != null && currentContinuation() == b;
    }

    /** The body's frames, innermost first: where it is suspended, or where it runs if it is the current task. */
    StackTraceElement[] frames() {
        Body b = body;
        if (b == null || done()) {
            return new StackTraceElement[0];
        }
        return currentContinuation() == b ? ContinuationBridge.currentFrames() : b.suspendedFrames();
    }

    @Override
    String describeState() {
        return getName() + ", " + super.describeState();
    }

    /** The continuation a task's body runs in. */
    private static final class Body extends ContinuationBridge {
        private static final Runnable ENTRY = new Entry();
        final Task<?> task;

        Body(Task<?> task) {
            super(ENTRY);
            this.task = task;
        }

        // Declared here so that verifying Task needs only this class, not its JDK superclass: without
        // the JVM flag, Task still loads and can report the flag by name.
        void step() {
            resume();
        }
    }

    /**
     * Every task's continuation starts here: it runs the current task's coroutine and completes the
     * task with its outcome. This is the task's whole body, written out in the entry itself rather than
     * in a method it calls, for one frame fewer under every suspended coroutine.
     */
    private static final class Entry implements Runnable {
        @Override
        @SuppressWarnings("unchecked")
        public void run() {
            Task<Object> task = (Task<Object>) ((Body) ContinuationBridge.current()).task;
            Object value;
            try {
                value = task.coroutine.run();
            } catch (CancelledError e) {
                task.finishCancelled(e.getMessage());
                return;
            } catch (KeyboardInterrupt e) {
                // As asyncio's task step does: the task fails with it, and the run stops with it too.
                task.loop.tasks.remove(task);
                task.fail(e);
                throw e;
            } catch (Throwable e) {
                task.loop.tasks.remove(task);
                task.fail(e);
                return;
            }
            if (task.mustCancel) {
                // Cancelled after its last await: asyncio ends such a task cancelled, not with its value.
                task.finishCancelled(task.mustCancelMessage);
                return;
            }
            task.loop.tasks.remove(task);
            task.complete(value);
        }
    }
}
