package dev.aioloop;

import dev.aioloop.internal.Handoff;
import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An asyncio event loop: a ready queue of callbacks and task steps, a timer queue, and a driver that
 * waits for I/O and for work handed in from other threads. Made by {@link Asyncio#newEventLoop()}.
 *
 * <p>One thread, one loop: a standalone loop is driven by the thread that calls
 * {@link #runForever()} or {@link #runUntilComplete(Awaitable)}; there is no hidden thread, so
 * between two runs nothing progresses. A loop hosted on a Netty event loop ({@link #of}) is driven
 * by that event loop's thread instead, as long as the event loop lives. Everything but
 * {@link #callSoonThreadsafe(Runnable)}, {@link #stop()}, {@link #isRunning()}, {@link #isClosed()}
 * and {@link #time()} belongs to the loop's thread.
 *
 * <p>Each iteration ({@link #runOnce()}, the same for every driver) waits for I/O until the next
 * timer is due, moves due timers to the ready queue, and runs the callbacks that were ready when the
 * iteration began; what they schedule runs in the next one. {@link #stop()} lets the current
 * iteration finish. A callback or task that throws never stops the loop: the error goes to the
 * {@link ExceptionHandler}.
 *
 * <pre>{@code
 * Loop loop = Asyncio.newEventLoop();
 * loop.callLater(1.0, loop::stop);
 * loop.runForever();
 * loop.close();
 * }</pre>
 */
public final class Loop {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(Loop.class);

    final Driver driver;
    final Clock clock;
    final TimerQueue timers = new TimerQueue();
    private final ArrayDeque<ReadyEntry> ready = new ArrayDeque<>();
    final TaskRegistry tasks = new TaskRegistry();
    // The failures nobody retrieved yet, which the close reports.
    final UnretrievedFailure.Watched unretrieved = new UnretrievedFailure.Watched();
    // The loop's side of the driver contract, apart so that its methods are not the loop's API.
    private final Iterations iterations = new Iterations();
    private long timerSequence;
    private volatile Thread runningThread;
    private volatile boolean closed;
    // Package-private for the stress module's SIGINT race, which reads whether one is still pending.
    volatile boolean interrupted;
    // Volatile: stop() may come from another thread while no run is under way.
    private volatile boolean stopping;
    private ExceptionHandler exceptionHandler;
    TaskObserver taskObserver;
    Task<?> currentTask;
    // The context of the entry running now: a task's or a callback's, Context.UNSET while that one is
    // empty and not made yet; null between entries, when the thread's own context is current.
    Context context;
    private TaskFactory taskFactory;
    // True while the factory runs: its own createTask calls make plain tasks instead of recursing.
    private boolean inTaskFactory;
    // Made on first use of runInExecutor(null, ...), or set; shut down by close().
    Executor defaultExecutor;
    private boolean ownsDefaultExecutor;
    private boolean defaultExecutorShutDown;
    // Made by the first addSignalHandler; its handlers go with close().
    private SignalHandlers signals;
    // Stages adopted from other threads (executor calls, wrapped futures) whose outcome has not come back yet.
    int stagesOut;
    // Debug mode, the watchdog, JFR: the loop's thread reads `diagnosing` once per iteration (a plain
    // read, so that a loop nobody watches pays nothing more), and takes the measured path if true.
    final Diagnostics diagnostics;
    boolean diagnosing;

    Loop(Driver driver) {
        this.driver = driver;
        this.clock = new Clock(driver);
        driver.attach(iterations);
        diagnostics = new Diagnostics(this);
        LiveLoops.add(this);
        diagnostics.refresh();
    }

    DrivenLoop driven() {
        return iterations;
    }

    /** The loop whose side of the driver contract {@code driven} is. */
    static Loop ofDriven(DrivenLoop driven) {
        return ((Iterations) driven).loop();
    }

    // ---- Netty ----

    /**
     * The asyncio loop of a Netty event loop, from any thread: for an event loop of a user's group (a
     * {@code MultiThreadIoEventLoopGroup}'s, say), the loop hosted on it, made on first use, one per
     * event loop; for the event loop under a standalone loop, that loop. A hosted loop is always
     * running: its event loop's thread runs its callbacks and tasks, between Netty's own I/O and
     * tasks, with {@code inEventLoop()} true, and there {@link Asyncio#getEventLoop()} and
     * {@link Asyncio#getRunningLoop()} return it. Shutting the group down cancels the loop's tasks,
     * runs what is ready, then closes the loop.
     *
     * <pre>{@code
     * Loop loop = Loop.of(channel.eventLoop());
     * loop.callSoonThreadsafe(() -> loop.createTask(() -> { Asyncio.sleep(1); }));
     * }</pre>
     *
     * <p>Any single-threaded Netty executor (a {@code SingleThreadEventExecutor}) can host a loop:
     * a {@code DefaultEventExecutor} of a {@code DefaultEventExecutorGroup} too, the executor of a
     * handler added with {@code pipeline.addLast(executorGroup, handler)}. Such an executor does no
     * I/O, so its loop runs tasks, timers and awaits, but opens no channels of its own
     * ({@link #nettyEventLoop()} refuses; a stream needs a loop on an event loop).
     *
     * <p>Hosting is aioloop-netty's: core finds it as a service, and without that module on the class
     * or module path only the event loop of a standalone loop is accepted.
     *
     * @throws IllegalArgumentException if {@code executor} is not a single-threaded Netty executor
     * @throws IllegalStateException if the executor is shutting down and hosts no loop yet
     */
    public static Loop of(EventExecutor executor) {
        if (executor == null) {
            throw new IllegalArgumentException("Loop.of(null): pass a Netty event loop, e.g. channel.eventLoop()");
        }
        if (executor instanceof ManualDriver.Io standalone) {
            return standalone.loop;
        }
        return HostedLoops.of(executor);
    }

    /**
     * The Netty event loop under this loop, where its channels are registered: the one it is hosted
     * on, or for a standalone loop the caller-driven one its running thread drives.
     *
     * @throws IllegalStateException if the loop is hosted on a Netty executor that is no event loop
     *         (a {@code DefaultEventExecutor}), which has no channels
     */
    public EventLoop nettyEventLoop() {
        return driver.eventLoop();
    }

    /**
     * The Netty executor whose thread runs this loop: {@link #nettyEventLoop()}, or the plain
     * executor the loop is hosted on. Its {@code inEventLoop()} tells whether the calling thread is
     * the loop's.
     */
    public EventExecutor nettyExecutor() {
        return driver.executor();
    }

    // ---- running and stopping ----

    /**
     * Runs the loop until {@link #stop()} is called.
     *
     * @throws IllegalStateException if the loop is closed or already running, or if this thread runs
     *         another loop
     * @throws KeyboardInterrupt on Ctrl-C while the main thread runs it; the loop is left stopped and
     *         whole, and a later run resumes its tasks
     */
    public void runForever() {
        ThreadLoops thread = checkRunnable();
        thread.running = this;
        runningThread = Thread.currentThread();
        SigintGuard sigint = SigintGuard.install(this);
        try {
            do {
                runOnce();
            } while (!stopping);
        } finally {
            stopping = false;
            runningThread = null;
            thread.running = null;
            if (sigint != null) {
                sigint.close();
            }
        }
        // A Ctrl-C that came after the last iteration's check, before the guard went: raise it now, as
        // Python raises it right after the run, not at the first iteration of some later run.
        checkInterrupt();
    }

    /**
     * {@link #runUntilComplete(Awaitable)} for a coroutine, so that a lambda can be passed directly:
     * {@code loop.runUntilComplete(() -> { sleep(1); return 42; })}.
     */
    public <T> T runUntilComplete(Coroutine<T> coroutine) throws Exception {
        return runUntilComplete((Awaitable<T>) coroutine);
    }

    /** {@link #runUntilComplete(Coroutine)} for a body with no result: {@code loop.runUntilComplete(() -> { sleep(1); })}. */
    public void runUntilComplete(AsyncRunnable body) throws Exception {
        runUntilComplete(Bodies.of(body, "runUntilComplete"));
    }

    /**
     * Runs the loop until {@code awaitable} is done, and returns its result or throws its exception (the
     * same object). A coroutine is wrapped in a task first. Other tasks of the loop run meanwhile; those
     * still pending when it returns stay pending until the next run.
     *
     * @throws IllegalStateException if the loop was stopped before the awaitable completed, and as
     *         {@link #runForever()} does
     * @throws KeyboardInterrupt as {@link #runForever()} does
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) throws Exception {
        // Checked before the awaitable becomes a task, so that a refused run leaves nothing scheduled.
        checkRunnable();
        Future<T> future = toFuture(awaitable);
        Consumer<Future<T>> stopWhenDone = f -> stop();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.resultForAwait();
    }

    private static void requireContext(String method, ErrorContext context) {
        if (context == null) {
            throw new IllegalArgumentException(method + "(null): pass an ErrorContext, e.g. new ErrorContext(\"what failed\", exception, null, null)");
        }
    }

    /** Refuses the runs asyncio refuses, and binds the driver to the calling thread. */
    private ThreadLoops checkRunnable() {
        checkClosed();
        ThreadLoops thread = ThreadLoops.current();
        Loop inThread = thread.runningLoop();
        if (runningThread != null || inThread == this) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (inThread != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running in this thread");
        }
        driver.bind();
        return thread;
    }

    /**
     * Makes the running loop return once the current iteration has finished. Before a run, makes the
     * next run do one iteration and return. Callable from any thread.
     */
    public void stop() {
        driver.checkControl(Driver.Control.STOP);
        Thread running = runningThread;
        if (running != null && running != Thread.currentThread()) {
            callSoonThreadsafe(this::stop);
            return;
        }
        stopping = true;
        Thread started = runningThread;
        if (started != null && started != Thread.currentThread()) {
            // A run began on another thread since the read above and may wait already, with nothing
            // ready: woken, it sees the flag (found by the stress module's StopBeforeOrDuringRun).
            driver.wakeup();
        }
    }

    /**
     * Closes the loop: drops pending callbacks and timers and releases the driver. Idempotent. As in
     * asyncio, what is pending is discarded, thread-safe callbacks accepted before the close included:
     * their handles read {@link Handle#cancelled() cancelled}, so that a caller holding one can tell;
     * once the close has begun, {@link #callSoonThreadsafe} refuses.
     *
     * @throws IllegalStateException if the loop is running
     */
    public void close() {
        if (closed) {
            return;
        }
        driver.checkControl(Driver.Control.CLOSE);
        if (runningThread != null) {
            throw new IllegalStateException("Cannot close a running event loop: stop() it, let the run return, then close()");
        }
        closeNow();
    }

    private void closeNow() {
        closed = true;
        if (signals != null) {
            signals.removeAll();
        }
        // First the driver, which hands in what it still holds; then the queue, with that in it.
        driver.close();
        for (ReadyEntry entry; (entry = ready.pollFirst()) != null; ) {
            if (entry instanceof Handle h) {
                h.discard();
            }
        }
        timers.clear();
        if (defaultExecutor instanceof ExecutorService executor) {
            // As asyncio does on close: no new work; calls already running finish on their own.
            executor.shutdown();
        }
        // Nobody can retrieve them any more: report now what a garbage collection might never reach.
        unretrieved.reportAll();
    }

    /** Whether a thread is running the loop now; a hosted loop runs until its Netty event loop ends. */
    public boolean isRunning() {
        return runningThread != null || !closed && driver.runsItself();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The loop's clock: monotonic seconds, the time base of {@link #callAt(double, Runnable)}. */
    public double time() {
        return clock.time();
    }

    /**
     * The one iteration, whoever drives it: waits for I/O and handed-in work until the next timer is
     * due (not at all if work is ready), moves due timers to the ready queue, then runs what was ready
     * at that point; what that makes ready waits for the next iteration.
     */
    private void runOnce() {
        long timeout = 0;
        if (ready.isEmpty() && !stopping) {
            timeout = timers.isEmpty() ? Long.MAX_VALUE : Math.max(0, timers.nextDeadline() - clock.nanoTime());
        }
        driver.poll(timeout);
        checkInterrupt();
        // What is run, in order: what was ready when the poll returned, the handoffs the driver left
        // to the iteration, the timers now due; what they make ready waits for the next iteration.
        int handoffs = driver.handoffsToRun();
        if (diagnosing) {
            // Measured entry by entry: through the ready queue, in their place.
            for (Runnable handoff; handoffs > 0 && (handoff = driver.nextHandoff()) != null; handoffs--) {
                handoff.run();
            }
            timers.drainExpired(clock.nanoTime(), ready);
            diagnostics.runEntries(ready.size());
        } else {
            int waiting = ready.size();
            timers.drainExpired(clock.nanoTime(), ready);
            int due = ready.size() - waiting;
            for (; waiting > 0; waiting--) {
                runEntry(ready.pollFirst());
            }
            // Only callSoonThreadsafe hands off, and its handle is the entry itself.
            for (Runnable handoff; handoffs > 0 && (handoff = driver.nextHandoff()) != null; handoffs--) {
                runEntry((ReadyEntry) handoff);
            }
            for (; due > 0; due--) {
                runEntry(ready.pollFirst());
            }
        }
        checkInterrupt();
    }

    /** The next ready entry, for the measured iteration ({@link Diagnostics#runEntries}). */
    ReadyEntry nextReady() {
        return ready.pollFirst();
    }

    void runEntry(ReadyEntry entry) {
        // Every entry runs in a context of its own: the one its handle or task carries, else an empty
        // one made only if it sets a variable.
        context = Context.UNSET;
        try {
            entry.runReady();
        } catch (KeyboardInterrupt e) {
            throw e;
        } catch (Throwable e) {
            callExceptionHandler(new ErrorContext("Exception in callback " + entry, e,
                    entry instanceof Future<?> f ? f : null, entry instanceof Handle h ? h : null));
        } finally {
            context = null;
        }
    }

    /**
     * Makes the empty context of the entry running now, when it first sets a variable: a callback's
     * for the rest of its run, a task's for the rest of its life.
     */
    Context materializeContext() {
        Context c = new Context(null);
        context = c;
        Task<?> task = currentTask;
        if (task != null) {
            task.context = c;
        }
        return c;
    }

    private void checkInterrupt() {
        if (interrupted) {
            interrupted = false;
            throw new KeyboardInterrupt();
        }
    }

    /** Called on the signal's thread: asks the running loop to throw {@link KeyboardInterrupt}. */
    void interrupt() {
        interrupted = true;
        driver.wakeup();
    }

    // ---- scheduling callbacks ----

    /**
     * Schedules {@code callback} to run in the next iteration, after the callbacks already scheduled.
     *
     * @return a handle that can cancel it
     */
    public Handle callSoon(Runnable callback) {
        checkSchedulable("callSoon", callback);
        Handle h = new Handle(this, Context.bind(this, callback, Context.snapshot(this)));
        enqueueReady(h);
        return h;
    }

    /**
     * Schedules {@code callback} from any thread, waking the loop if it waits: the only way in from
     * another thread.
     *
     * @return a handle any thread may cancel: once its cancel() returns, the callback runs only if it had started
     * @throws IllegalStateException if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        if (callback == null) {
            throw new IllegalArgumentException("callSoonThreadsafe(null): pass the callback to run");
        }
        checkClosed();
        // In the calling thread's context, whichever thread that is.
        Handle.Threadsafe h = new Handle.Threadsafe(this, Context.bind(this, callback, Context.currentVars()));
        Thread running = runningThread;
        if (running == Thread.currentThread() || running == null && driver.inLoopThread()) {
            // From the loop's own thread (a standalone loop's runner or owner, a hosted loop's Netty
            // thread), straight to the ready queue: through the driver it would arrive an iteration
            // late, after callSoon callbacks scheduled after it.
            enqueueReady(h);
            return h;
        }
        try {
            driver.execute(h);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("Event loop is closed", e);
        }
        // A close that began while the handle crossed may have drained the driver before it arrived,
        // and Netty does not always refuse a task in that instant: the handle would then sit where
        // nothing runs or discards it. Refused, unless the close's discard or the loop got to it first
        // (found by the stress module's CallSoonThreadsafeVsClose).
        if (closed && h.tryCancel()) {
            throw new IllegalStateException("Event loop is closed");
        }
        return h;
    }

    // ---- UDP ----

    /**
     * Opens a UDP socket on this loop, from one of its tasks: asyncio's
     * {@code create_datagram_endpoint}, with a suspending {@link DatagramEndpoint#recvfrom()} instead
     * of a protocol's callbacks. Either side may be left out: without a remote host the endpoint
     * sends where each {@link DatagramEndpoint#sendto} says and receives from anyone; with one, it is
     * connected to it (sends there, receives from there only). A null local host binds every
     * interface; local port 0 picks a free one.
     *
     * <pre>{@code
     * DatagramEndpoint client = loop.createDatagramEndpoint(null, 0, "127.0.0.1", 9999);
     * client.sendto("ping".getBytes(UTF_8), null);
     * Datagram answer = client.recvfrom();
     * }</pre>
     *
     * @throws java.net.BindException and the like, if the local address cannot be bound
     * @throws java.net.UnknownHostException if a host name does not resolve
     * @throws IllegalArgumentException if a port is out of range, or a remote host has port 0
     * @throws IllegalStateException outside a task of this loop, or on a loop with no Netty event loop
     */
    public DatagramEndpoint createDatagramEndpoint(String localHost, int localPort, String remoteHost, int remotePort)
            throws Exception {
        checkClosed();
        checkThread("createDatagramEndpoint()");
        if (currentTask == null) {
            throw new IllegalStateException("createDatagramEndpoint() waits for the socket to be bound: call it from a "
                    + "task of this loop");
        }
        return DatagramEndpoint.open(this, localHost, localPort, remoteHost, remotePort);
    }

    // ---- signals ----

    /**
     * Runs {@code callback} on the loop's thread, between two callbacks, each time the process gets
     * {@code signal}: asyncio's {@code add_signal_handler}, for a graceful shutdown on SIGTERM, say.
     * The signal is given by its name without {@code SIG}: one of {@code INT}, {@code TERM},
     * {@code HUP}, {@code USR1}, {@code USR2} (the JVM keeps {@code QUIT} for its thread dumps, and
     * the rest for itself). A handler replaces the loop's previous one for that signal; signals are
     * the process's, so it also replaces whatever handled the signal before (the JVM's default, which
     * ends the process), which {@link #removeSignalHandler} or {@link #close()} puts back. With a
     * SIGINT handler, Ctrl-C is the program's: the run raises no {@link KeyboardInterrupt}.
     *
     * <pre>{@code
     * loop.addSignalHandler("TERM", () -> server.close());
     * }</pre>
     *
     * @throws IllegalArgumentException if the signal is none of those, or the JVM keeps it (-Xrs)
     * @throws IllegalStateException if the loop is closed
     */
    public void addSignalHandler(String signal, Runnable callback) {
        checkClosed();
        checkThread("addSignalHandler()");
        if (signals == null) {
            signals = new SignalHandlers(this);
        }
        signals.add(signal, callback);
    }

    /**
     * Removes the loop's handler for {@code signal} and puts back what handled it before.
     *
     * @return whether the loop had a handler for it
     * @throws IllegalArgumentException if the signal is not one {@link #addSignalHandler} takes
     */
    public boolean removeSignalHandler(String signal) {
        checkThread("removeSignalHandler()");
        if (signals == null) {
            signals = new SignalHandlers(this);
        }
        return signals.remove(signal);
    }

    boolean handlesSignal(String signal) {
        return signals != null && signals.has(signal);
    }

    /**
     * Schedules {@code callback} to run {@code delay} seconds from now; callbacks due at the same time
     * run in the order they were scheduled.
     *
     * @throws IllegalArgumentException if {@code delay} is NaN
     */
    public TimerHandle callLater(double delay, Runnable callback) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("callLater: delay is NaN; give a number of seconds");
        }
        return callAtNanos(clock.deadlineAfter(delay), callback);
    }

    /** {@link #callLater(double, Runnable)} for a {@link Duration}. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLater(Durations.seconds(delay, "callLater"), callback);
    }

    /** Schedules {@code callback} to run at {@code when}, in the seconds of {@link #time()}. */
    public TimerHandle callAt(double when, Runnable callback) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("callAt: when is NaN; give a time from loop.time()");
        }
        return callAtNanos(Clock.deadlineAt(when), callback);
    }

    private TimerHandle callAtNanos(long deadline, Runnable callback) {
        checkSchedulable("callLater/callAt", callback);
        TimerHandle h = new TimerHandle(this, Context.bind(this, callback, Context.snapshot(this)));
        arm(h, deadline);
        return h;
    }

    /** Puts {@code timer} in the timer queue for {@code deadline}, after the timers already due then. */
    void arm(TimerHandle timer, long deadline) {
        timer.deadlineNanos = deadline;
        timer.sequence = timerSequence++;
        timers.add(timer);
        driver.timerArmed(deadline);
    }

    private void checkSchedulable(String what, Runnable callback) {
        if (callback == null) {
            throw new IllegalArgumentException(what + "(null): pass the callback to run");
        }
        checkClosed();
        checkThread(what + "()");
    }

    /** Takes back the latest scheduling of {@code task}, which a refused suspension left behind. */
    void withdrawReady(Task<?> task) {
        ready.removeLastOccurrence(task);
    }

    void enqueueReady(ReadyEntry entry) {
        ready.addLast(entry);
        driver.readyAdded();
    }

    // ---- tasks and futures ----

    /** Wraps {@code coroutine} in a task named {@code Task-N} and schedules its first step. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, (String) null);
    }

    /**
     * Wraps {@code coroutine} in a task and schedules its first step; the task runs in a copy of the
     * current {@link Context}. With a {@link #setTaskFactory task factory} set, the factory makes the task.
     *
     * @param name the task's name; null for {@code Task-N}
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null, "createTask(null)");
    }

    /**
     * {@link #createTask(Coroutine, String)}, the task running in {@code context} itself rather than
     * in a copy of the current one: what it sets there, the context's other users see.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        if (context == null) {
            throw new IllegalArgumentException("createTask(coroutine, " + name + ", null): pass a Context, e.g. "
                    + "Context.copyCurrent(), or call createTask(coroutine, name) for a copy of the current one");
        }
        return createTask(coroutine, name, context, "createTask(null, name, context)");
    }

    /**
     * {@link #createTask(Coroutine, String)}, started eagerly or not whatever the task factory: asyncio
     * 3.14's {@code eager_start}. An eager task's body runs at once, inside this call, until its first
     * suspension; if it ends without suspending, the task is done when this returns and never went
     * through the ready queue. The task is then already {@link Asyncio#currentTask() current} in its
     * first step. Eager only while the loop runs; before, the task is scheduled as any other.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, boolean eagerStart) {
        return newTask(coroutine, name, null, eagerStart, "createTask(null, name, eagerStart)");
    }

    private <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context, String nullCall) {
        TaskFactory factory = taskFactory;
        if (factory == null || inTaskFactory) {
            return newTask(coroutine, name, context, false, nullCall);
        }
        if (coroutine == null) {
            throw new IllegalArgumentException(nullCall + ": pass the coroutine to run");
        }
        checkClosed();
        checkThread("createTask()");
        Task<?> task;
        inTaskFactory = true;
        try {
            task = factory.createTask(this, coroutine, name, context);
        } finally {
            inTaskFactory = false;
        }
        if (task == null || task.loop != this) {
            throw new IllegalStateException("The task factory " + factory + " returned " + task + ": return a task of the "
                    + "loop it is given, made with loop.createTask(...) or Asyncio.eagerTaskFactory(...)");
        }
        @SuppressWarnings("unchecked")
        Task<T> typed = (Task<T>) task;
        return typed;
    }

    /** Makes and starts a task, with no factory: the one place tasks are born. */
    <T> Task<T> newTask(Coroutine<T> coroutine, String name, Context context, boolean eagerStart, String nullCall) {
        if (coroutine == null) {
            throw new IllegalArgumentException(nullCall + ": pass the coroutine to run");
        }
        checkClosed();
        checkThread("createTask()");
        Task<T> task = new Task<>(this, coroutine, name, tasks.nextNumber());
        // A copy of the current context; nothing to copy, and nothing allocated, while it is empty.
        task.context = context != null ? context : Context.of(Context.snapshot(this));
        tasks.add(task);
        if (diagnosing && diagnostics.debug()) {
            diagnostics.taskCreated(task);
        }
        TaskObserver observer = taskObserver;
        if (eagerStart && isRunning()) {
            if (observer != null) {
                notify(observer, task, TaskEvent.CREATED);
            }
            // The factory's own createTask calls made plain tasks; the body's are the program's again.
            boolean factoryCall = inTaskFactory;
            inTaskFactory = false;
            // Outside our entries (a handler's channelRead on a hosted loop's thread), the step still
            // runs as one of this loop's: its context and running loop are found through the thread.
            ThreadLoops thread = this.context == null ? ThreadLoops.current() : null;
            Loop outerRunning = thread != null ? thread.running : null;
            if (thread != null) {
                thread.running = this;
            }
            try {
                task.runReady();
            } finally {
                inTaskFactory = factoryCall;
                if (thread != null) {
                    thread.running = outerRunning;
                }
            }
            return task;
        }
        enqueueReady(task);
        if (observer != null) {
            notify(observer, task, TaskEvent.CREATED);
        }
        return task;
    }

    /**
     * Sets what makes this loop's tasks from now on ({@link #createTask}, {@link Asyncio#ensureFuture},
     * a gather's coroutines, a task group's): asyncio's {@code loop.set_task_factory}. Null restores
     * the default. {@code loop.setTaskFactory(Asyncio::eagerTaskFactory)} makes every task eager.
     */
    public void setTaskFactory(TaskFactory factory) {
        checkThread("setTaskFactory()");
        this.taskFactory = factory;
    }

    /** The factory set by {@link #setTaskFactory}, or null for the default. */
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /** {@link #createTask(Coroutine)} for a body with no result. */
    public Task<Void> createTask(AsyncRunnable body) {
        return createTask(Bodies.of(body, "createTask"), null);
    }

    /** {@link #createTask(Coroutine, String)} for a body with no result. */
    public Task<Void> createTask(AsyncRunnable body, String name) {
        return createTask(Bodies.of(body, "createTask"), name);
    }

    /** {@link #createTask(Coroutine, String, Context)} for a body with no result. */
    public Task<Void> createTask(AsyncRunnable body, String name, Context context) {
        return createTask(Bodies.of(body, "createTask"), name, context);
    }

    /** {@link #createTask(Coroutine, String, boolean)} for a body with no result. */
    public Task<Void> createTask(AsyncRunnable body, String name, boolean eagerStart) {
        return createTask(Bodies.of(body, "createTask"), name, eagerStart);
    }

    /** The tasks of this loop that are not done yet. */
    Set<Task<?>> liveTasks() {
        return tasks.snapshot();
    }

    // ---- other threads ----

    /**
     * Runs the blocking {@code call} on {@code executor} (null: the loop's default executor, a
     * virtual thread per call, shut down with the loop) and returns a future of this loop for its
     * result: asyncio's {@code loop.run_in_executor}. Cancelling the future does not interrupt a call
     * already running, as in asyncio; a call not started yet is skipped.
     *
     * <pre>{@code
     * byte[] data = await(loop.runInExecutor(null, () -> Files.readAllBytes(path)));
     * }</pre>
     *
     * @throws IllegalStateException if the loop or the executor is shut down
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> call) {
        if (call == null) {
            throw new IllegalArgumentException("runInExecutor(executor, null): pass the call to run");
        }
        checkClosed();
        checkThread("runInExecutor()");
        Executor target = executor;
        if (target == null) {
            if (defaultExecutorShutDown) {
                throw new IllegalStateException("runInExecutor(null, call): the default executor was shut down by "
                        + "shutdownDefaultExecutor(); pass an executor of your own");
            }
            if (defaultExecutor == null) {
                defaultExecutor = Executors.newVirtualThreadPerTaskExecutor();
                ownsDefaultExecutor = true;
            }
            target = defaultExecutor;
        }
        CompletableFuture<T> outcome = new CompletableFuture<>();
        try {
            target.execute(() -> {
                if (outcome.isDone()) {
                    return;
                }
                try {
                    outcome.complete(call.call());
                } catch (Throwable e) {
                    outcome.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The executor refused the call (is it shut down?)", e);
        }
        return ThreadBridge.adopt(this, outcome);
    }

    /**
     * Makes {@code executor} the default executor, the one {@link #runInExecutor} and
     * {@link Asyncio#toThread} use when given none: asyncio's {@code loop.set_default_executor}. The
     * loop's own default (a virtual thread per call), if it made one, is shut down: its calls running
     * now finish. The loop's {@link #close()} shuts an {@link ExecutorService} down.
     */
    public void setDefaultExecutor(Executor executor) {
        if (executor == null) {
            throw new IllegalArgumentException("setDefaultExecutor(null): pass an Executor, e.g. "
                    + "Executors.newFixedThreadPool(4)");
        }
        checkClosed();
        checkThread("setDefaultExecutor()");
        if (ownsDefaultExecutor && defaultExecutor instanceof ExecutorService own) {
            own.shutdown();
        }
        defaultExecutor = executor;
        ownsDefaultExecutor = false;
    }

    /**
     * Shuts the default executor down and waits, on a thread of its own so that the loop runs on, up to
     * {@code timeout} seconds for its calls to finish: asyncio 3.12's
     * {@code loop.shutdown_default_executor(timeout)}. From then on {@link #runInExecutor} refuses to
     * use a default executor. Past the timeout, the loop's exception handler is told and the future
     * completes anyway, the calls still running left to finish on their own. {@code Asyncio.run} and
     * {@link Runner} call it with 300 seconds before they close their loop. An executor set with
     * {@link #setDefaultExecutor} that is no {@link ExecutorService} cannot be shut down: it is only
     * no longer used.
     *
     * <pre>{@code
     * await(loop.shutdownDefaultExecutor(5));
     * }</pre>
     *
     * @param timeout seconds, 0 or more; {@code Double.POSITIVE_INFINITY} waits for as long as it takes
     * @return a future of this loop, done when the executor has finished or the timeout has passed
     */
    public Future<Void> shutdownDefaultExecutor(double timeout) {
        if (!(timeout >= 0)) {
            throw new IllegalArgumentException("shutdownDefaultExecutor(" + timeout + "): give the seconds to wait for "
                    + "the executor's calls, 0 or more (Double.POSITIVE_INFINITY for no limit)");
        }
        checkClosed();
        checkThread("shutdownDefaultExecutor()");
        defaultExecutorShutDown = true;
        Future<Void> done = createFuture();
        if (!(defaultExecutor instanceof ExecutorService executor)) {
            done.complete(null);
            return done;
        }
        executor.shutdown();
        long nanos = timeout * 1e9 >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) (timeout * 1e9);
        CompletableFuture<Boolean> joined = new CompletableFuture<>();
        Thread.ofVirtual().name("aioloop-executor-join").start(() -> {
            try {
                joined.complete(executor.awaitTermination(nanos, TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                joined.complete(false);
            }
        });
        ThreadBridge.adopt(this, joined).addListener(f -> {
            if (!f.result()) {
                callExceptionHandler(new ErrorContext("The default executor did not finish its calls within "
                        + timeout + " seconds: shut down without waiting for them", null, null, null));
            }
            done.complete(null);
        });
        return done;
    }

    /** A new pending future bound to this loop. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** A coroutine as a new task of this loop; a future of this loop as itself. */
    @SuppressWarnings("unchecked")
    <T> Future<T> toFuture(Awaitable<T> awaitable) {
        return switch (awaitable) {
            case null -> throw new IllegalArgumentException("null awaitable: pass a Coroutine or a Future");
            case Coroutine<T> c -> createTask(c);
            case Future<?> f when f.loop != this ->
                    throw new IllegalArgumentException("The future belongs to another loop: run it on its own loop");
            case Future<?> f -> (Future<T>) f;
        };
    }

    // ---- debug mode, the watchdog, dumps ----

    /**
     * Turns asyncio's debug mode on or off: while on, a callback or task step that holds the loop's
     * thread for {@link #getSlowCallbackDuration()} or longer is logged as asyncio words it
     * ({@code Executing <Task pending name='worker-3' ... at Worker.run(Worker.java:31)> took 0.153 seconds}),
     * each new task remembers where it was made (the dumps show it), and the blocked-loop watchdog
     * watches the loop (see {@link #setBlockedThreshold}). The system property {@code aioloop.debug=true}
     * turns it on for every new loop, as {@code PYTHONASYNCIODEBUG} does.
     */
    public void setDebug(boolean enabled) {
        checkThread("setDebug()");
        diagnostics.setDebug(enabled);
    }

    /** Whether debug mode is on (see {@link #setDebug}). */
    public boolean getDebug() {
        return diagnostics.debug();
    }

    /** Sets the duration, in seconds, from which debug mode logs a callback as slow; 0.1 by default. */
    public void setSlowCallbackDuration(double seconds) {
        checkThread("setSlowCallbackDuration()");
        diagnostics.setSlowCallbackDuration(seconds);
    }

    /** The duration, in seconds, from which debug mode logs a callback as slow. */
    public double getSlowCallbackDuration() {
        return diagnostics.slowCallbackDuration();
    }

    /**
     * Has the blocked-loop watchdog watch this loop, debug mode or not: when one callback or task step
     * has held the loop's thread for {@code seconds}, the watchdog's thread logs it, with the loop
     * thread's stack taken while it still blocks (the culprit's frame), and again at each further
     * {@code seconds} while the block lasts. 0 turns this off; debug mode still watches, at 1 s then.
     * The system property {@code aioloop.blockedThreshold=SECONDS} sets it for every new loop.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public void setBlockedThreshold(double seconds) {
        checkThread("setBlockedThreshold()");
        diagnostics.setBlockedThreshold(seconds);
    }

    /** The threshold set by {@link #setBlockedThreshold}, 0 if none (debug mode then watches at 1 s). */
    public double getBlockedThreshold() {
        return diagnostics.blockedThreshold();
    }

    /**
     * A text of every task of this loop not done yet, oldest first: its name, its state (running,
     * ready, awaiting what, sleeping until when), the frames it waits in (user code first, aioloop's
     * own left out), and in debug mode where it was made; the first line counts the tasks done. What
     * kotlinx's {@code DebugProbes.dumpCoroutines()} prints; from outside the process, the
     * {@code dev.aioloop:type=Loops} MBean gives the same for every loop.
     */
    public String dumpTasks() {
        checkThread("dumpTasks()");
        return TaskDump.dump(this, LiveLoops.header(this));
    }

    // ---- observing tasks ----

    /** Sets what watches this loop's tasks (see {@link TaskObserver}); null removes it. */
    public void setTaskObserver(TaskObserver observer) {
        checkThread("setTaskObserver()");
        this.taskObserver = observer;
    }

    enum TaskEvent { CREATED, RESUMED, SUSPENDED, DONE }

    /** Tells {@code observer} of one event; what it throws goes to the exception handler. */
    void notify(TaskObserver observer, Task<?> task, TaskEvent event) {
        double now = clock.time();
        try {
            switch (event) {
                case CREATED -> observer.created(task, now);
                case RESUMED -> observer.resumed(task, now);
                case SUSPENDED -> observer.suspended(task, now);
                case DONE -> observer.done(task, now);
            }
        } catch (KeyboardInterrupt e) {
            throw e;
        } catch (Throwable e) {
            // Any error, not only a RuntimeException: one escaping here would skip the task's step and
            // leave the task suspended for good.
            callExceptionHandler(new ErrorContext("Exception in task observer " + observer, e, task, null));
        }
    }

    // ---- errors ----

    /** Sets what receives unhandled errors; null restores the default, which logs them. */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /** The handler set by {@link #setExceptionHandler}, or null for the default. */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /** Hands {@code context} to the exception handler; an error in the handler itself is logged. */
    public void callExceptionHandler(ErrorContext context) {
        requireContext("callExceptionHandler", context);
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            defaultExceptionHandler(context);
            return;
        }
        try {
            handler.handle(this, context);
        } catch (Throwable e) {
            LOG.error("Unhandled error in exception handler; the original error follows", e);
            defaultExceptionHandler(context);
        }
    }

    /** Logs {@code context} through Netty's logger, with the stack trace. */
    public void defaultExceptionHandler(ErrorContext context) {
        requireContext("defaultExceptionHandler", context);
        StringBuilder msg = new StringBuilder(context.message());
        if (context.future() != null) {
            msg.append(" (").append(context.future()).append(')');
        }
        LOG.error(msg.toString(), context.exception());
    }

    /** Reports from a thread that may not be the loop's: through the loop if it is open, else logged. */
    void reportFromAnyThread(ErrorContext context) {
        if (closed || !Handoff.toLoop(this::callSoonThreadsafe, () -> callExceptionHandler(context))) {
            defaultExceptionHandler(context);
        }
    }

    // ---- checks and helpers ----

    void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    /** Refuses a call made from another thread while the loop runs: such state belongs to the loop. */
    void checkThread(String what) {
        Thread running = runningThread;
        if (running == null) {
            driver.checkIdleThread(what);
        } else if (running != Thread.currentThread()) {
            throw new IllegalStateException(what + " was called from thread '" + Thread.currentThread().getName()
                    + "' while the loop runs in '" + running.getName()
                    + "': from another thread, use loop.callSoonThreadsafe(...)");
        }
    }

    int pendingTimers() {
        return timers.size();
    }

    @Override
    public String toString() {
        return "Loop[" + (closed ? "closed" : isRunning() ? "running" : "idle") + "]";
    }

    /** The loop's side of the driver contract (see {@link DrivenLoop}), for a driver that runs iterations itself. */
    private final class Iterations implements DrivenLoop {
        Loop loop() {
            return Loop.this;
        }

        @Override
        public void runIteration() {
            ThreadLoops thread = ThreadLoops.current();
            Loop outer = thread.running;
            thread.running = Loop.this;
            try {
                runOnce();
            } finally {
                thread.running = outer;
            }
        }

        @Override
        public boolean hasReady() {
            return !ready.isEmpty();
        }

        @Override
        public long nextDeadline() {
            return timers.isEmpty() ? Long.MAX_VALUE : timers.nextDeadline();
        }

        @Override
        public boolean awaitsOutside() {
            return stagesOut > 0;
        }

        @Override
        public void cancelLiveTasks(String message) {
            for (Task<?> task : tasks.snapshot()) {
                task.cancel(message);
            }
        }

        @Override
        public Collection<?> liveTasks() {
            return tasks.snapshot();
        }

        @Override
        public void closeFromDriver() {
            if (!closed) {
                closeNow();
            }
        }
    }
}
