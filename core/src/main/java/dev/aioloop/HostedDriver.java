package dev.aioloop;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The driver of a loop hosted on a Netty event loop that another thread drives, one of a user's
 * {@code MultiThreadIoEventLoopGroup} for instance: no subclass of the user's group, no thread of our
 * own. When work becomes ready, the loop hands Netty one iteration task (a flag keeps it from handing
 * a second while one is queued); the iteration runs the callbacks ready at that moment and queues
 * itself again if they made more ready, so Netty's I/O and other tasks interleave with ours. Timers
 * stay in the loop's own queue for their precision; one Netty scheduled task, armed at the earliest
 * deadline, wakes the loop for them.
 *
 * <p>While an iteration runs, the thread's running loop is this loop. Outside our iterations (a
 * channel handler, say), {@link #currentThreadLoop()} finds it through Netty's record of which
 * executor the thread serves: a thread is not tied to one executor for good (Netty can park an idle
 * executor and later resume it on another thread), so the thread itself never remembers the loop.
 *
 * <p>When the event loop shuts down, the loop cancels its tasks and runs what is ready, inline, until
 * nothing is: their finally blocks run. The event loop's termination closes the loop; a thread-safe
 * callback accepted in that very instant, too late for the event loop's thread, runs on the thread
 * that reports the termination: no accepted callback is lost.
 */
final class HostedDriver implements Driver, Runnable {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(HostedDriver.class);
    // One loop per Netty event loop, made on first use, dropped when the event loop terminates.
    private static final ConcurrentHashMap<EventLoop, Loop> LOOPS = new ConcurrentHashMap<>();
    // Bounds the inline run at shutdown, where a callback that keeps rescheduling itself would
    // otherwise hold the event loop forever.
    private static final int SHUTDOWN_ITERATIONS = 1000;

    private final EventLoop eventLoop;
    private Loop loop;
    // True from the moment an iteration is handed to Netty (or runs inline) until it ends with
    // nothing ready.
    private boolean iterationQueued;
    private boolean tasksCancelled;
    private ScheduledFuture<?> alarm;
    private long alarmDeadline;
    private final Runnable onAlarm = this::onAlarm;
    // Callbacks handed in from other threads wait in our own queue rather than in Netty's: Netty's
    // can drop a task submitted in the instant its event loop terminates, and an accepted callback
    // must run. One Netty task drains the queue; the termination drains what is left.
    private final ConcurrentLinkedQueue<Runnable> handedIn = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Runnable drainHandedIn = this::drainHandedIn;
    private volatile boolean terminated;

    private HostedDriver(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
    }

    /** The loop hosted on {@code eventLoop}, made on first use; see {@link Loop#of(EventLoop)}. */
    static Loop loopOf(EventLoop eventLoop) {
        Loop loop = LOOPS.get(eventLoop);
        if (loop != null) {
            return loop;
        }
        if (!(eventLoop instanceof SingleThreadEventExecutor executor)) {
            throw new IllegalArgumentException("Cannot host an asyncio loop on " + eventLoop.getClass().getName()
                    + ": pass an event loop of a MultiThreadIoEventLoopGroup (any SingleThreadEventExecutor)");
        }
        if (eventLoop.isShuttingDown()) {
            throw new IllegalStateException("Netty event loop " + eventLoop + " is shutting down: it can host no new loop");
        }
        HostedDriver driver = new HostedDriver(eventLoop);
        Loop created = new Loop(driver);
        loop = LOOPS.putIfAbsent(eventLoop, created);
        if (loop != null) {
            return loop;
        }
        try {
            executor.addShutdownHook(driver::onShutdown);
        } catch (RejectedExecutionException e) {
            LOOPS.remove(eventLoop, created);
            throw new IllegalStateException("Netty event loop " + eventLoop + " is shutting down: it can host no new loop", e);
        }
        eventLoop.terminationFuture().addListener(f -> driver.onTerminated());
        return created;
    }

    /** The loop hosted on the Netty event loop the calling thread serves, or null if none can be. */
    static Loop currentThreadLoop() {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (!(executor instanceof EventLoop eventLoop) || !(executor instanceof SingleThreadEventExecutor)) {
            return null;
        }
        Loop loop = LOOPS.get(eventLoop);
        if (loop != null || eventLoop.isShuttingDown()) {
            return loop;
        }
        return loopOf(eventLoop);
    }

    @Override
    public void attach(Loop loop) {
        this.loop = loop;
    }

    @Override
    public EventLoop eventLoop() {
        return eventLoop;
    }

    @Override
    public boolean inDriverThread() {
        return eventLoop.inEventLoop();
    }

    @Override
    public void bind() {
        throw new IllegalStateException(alreadyRunning());
    }

    @Override
    public void poll(long timeoutNanos) {
        throw new IllegalStateException(alreadyRunning());
    }

    @Override
    public void execute(Runnable task) {
        handedIn.offer(task);
        if (terminated) {
            // Taken back unless the termination's drain already ran it.
            if (handedIn.remove(task)) {
                throw new RejectedExecutionException("Netty event loop " + eventLoop + " has terminated");
            }
            return;
        }
        if (drainQueued.compareAndSet(false, true)) {
            try {
                eventLoop.execute(drainHandedIn);
            } catch (RejectedExecutionException shutDown) {
                // The event loop is going away: the termination drains the queue.
            }
        }
    }

    private void drainHandedIn() {
        drainQueued.set(false);
        for (Runnable task; (task = handedIn.poll()) != null; ) {
            task.run();
        }
    }

    @Override
    public void wakeup() {
        // Netty wakes its own loop when a task arrives.
    }

    @Override
    public void close() {
        throw new IllegalStateException(notClosable());
    }

    String alreadyRunning() {
        return "This event loop is already running: Netty event loop " + eventLoop + " runs it; from another "
                + "thread, hand it work with callSoonThreadsafe(...)";
    }

    String notClosable() {
        return "Cannot close a running event loop: it runs as long as Netty event loop " + eventLoop
                + " does; shut that loop's EventLoopGroup down instead";
    }

    String wrongThread(String what) {
        return what + " was called from thread '" + Thread.currentThread().getName() + "', not from Netty event loop "
                + eventLoop + " which runs this loop: from another thread, use loop.callSoonThreadsafe(...)";
    }

    /** Called on the event loop's thread when work became ready outside an iteration. */
    void readyAdded() {
        if (!iterationQueued) {
            iterationQueued = true;
            submitIteration();
        }
    }

    /** Called on the event loop's thread when a timer was added. */
    void timerAdded(long deadlineNanos) {
        if (!iterationQueued) {
            armAlarm(deadlineNanos);
        }
    }

    /** One iteration, run by Netty as a task. */
    @Override
    public void run() {
        if (eventLoop.isShuttingDown()) {
            finish();
            return;
        }
        runIteration();
        if (loop.hasReady()) {
            submitIteration();
        } else {
            iterationQueued = false;
            if (!loop.timers.isEmpty()) {
                armAlarm(loop.timers.nextDeadline());
            }
        }
    }

    private void submitIteration() {
        if (eventLoop.isShuttingDown()) {
            finish();
            return;
        }
        try {
            eventLoop.execute(this);
        } catch (RejectedExecutionException shutDownMeanwhile) {
            finish();
        }
    }

    private void runIteration() {
        ThreadLoops thread = ThreadLoops.current();
        Loop outer = thread.running;
        thread.running = loop;
        try {
            loop.runReady();
        } finally {
            thread.running = outer;
        }
    }

    private void armAlarm(long deadlineNanos) {
        if (eventLoop.isShuttingDown()) {
            // Netty cancels scheduled tasks while it shuts down: an alarm could never ring.
            return;
        }
        ScheduledFuture<?> current = alarm;
        if (current != null) {
            if (deadlineNanos - alarmDeadline >= 0) {
                return;
            }
            current.cancel(false);
        }
        alarmDeadline = deadlineNanos;
        alarm = eventLoop.schedule(onAlarm, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void onAlarm() {
        alarm = null;
        if (!iterationQueued) {
            iterationQueued = true;
            run();
        }
    }

    /**
     * The event loop is going away: cancels the tasks (once) and runs what is ready here and now,
     * since Netty may no longer take our iteration task. Callbacks arriving later (a thread-safe one
     * Netty accepted, an I/O completion) land here again.
     */
    private void finish() {
        iterationQueued = true;
        if (!tasksCancelled) {
            tasksCancelled = true;
            for (Task<?> task : loop.liveTasks()) {
                task.cancel("Netty event loop " + eventLoop + " is shutting down");
            }
        }
        for (int i = 0; i < SHUTDOWN_ITERATIONS && loop.hasReady(); i++) {
            runIteration();
        }
        iterationQueued = false;
    }

    private void onShutdown() {
        if (!iterationQueued) {
            finish();
        }
    }

    /** On Netty's termination thread, once the event loop's thread is gone. */
    private void onTerminated() {
        terminated = true;
        LOOPS.remove(eventLoop, loop);
        Set<Task<?>> pending = loop.liveTasks();
        loop.closeHosted();
        // Accepted while the event loop was terminating, too late for its thread: they run here, the
        // loop being closed, rather than not at all.
        for (Runnable task; (task = handedIn.poll()) != null; ) {
            loop.runCallback(task);
        }
        if (!pending.isEmpty()) {
            LOG.warn("Netty event loop {} terminated with {} asyncio task(s) still pending (awaiting what never came): {}",
                    eventLoop, pending.size(), pending);
        }
    }
}
