package dev.aioloop.netty.internal;

import dev.aioloop.internal.ClosedWithEventLoop;
import dev.aioloop.internal.Inbox;
import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The driver of a loop hosted on a Netty event loop that another thread drives, one of a user's
 * {@code MultiThreadIoEventLoopGroup} for instance, or on a plain single-threaded executor (a
 * {@code DefaultEventExecutor}), which runs tasks and timers but no I/O: no subclass of the user's
 * group, no thread of our own. When work becomes ready, the driver hands Netty one iteration task (a flag keeps it from
 * handing a second while one is queued); the task runs the loop's one iteration and queues itself
 * again if that made more work ready, so Netty's I/O and other tasks interleave with ours. Timers
 * stay in the loop's own queue for their precision; one Netty scheduled task, armed at the earliest
 * deadline, asks for the iteration that runs them.
 *
 * <p>When the event loop shuts down, the driver closes the channels aioloop opened on it (Netty may
 * leave them open: see {@link ClosedWithEventLoop}), cancels the loop's tasks and runs iterations
 * inline until nothing is ready: their finally blocks run. The event loop's termination closes the loop,
 * which, as every loop's close does, discards what is still pending.
 */
final class HostedDriver implements Driver, Runnable {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(HostedDriver.class);
    // Bounds the inline run at shutdown, where a callback that keeps rescheduling itself would
    // otherwise hold the event loop forever.
    private static final int SHUTDOWN_ITERATIONS = 1000;

    // An event loop, or a plain executor (a DefaultEventExecutor) that runs tasks and timers only.
    private final SingleThreadEventExecutor executor;
    private DrivenLoop loop;
    // True from the moment an iteration is handed to Netty (or runs inline) until it ends with
    // nothing ready.
    private boolean iterationQueued;
    private boolean tasksCancelled;
    private ScheduledFuture<?> alarm;
    private long alarmDeadline;
    private final Runnable onAlarm = this::onAlarm;
    // Handoffs from other threads wait in our own inbox rather than in Netty's queue: Netty can drop a
    // task submitted in the instant its event loop terminates, and the loop's close must see every
    // handoff it accepted. One Netty task runs a batch of them and the iteration that follows; the
    // close runs what is left.
    private final Inbox handedIn = new Inbox();
    private final Runnable drainHandedIn = this::drainHandedIn;
    private volatile boolean terminated;

    HostedDriver(SingleThreadEventExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void attach(DrivenLoop loop) {
        this.loop = loop;
    }

    @Override
    public EventLoop eventLoop() {
        if (executor instanceof EventLoop io) {
            return io;
        }
        throw new IllegalStateException("This loop is hosted on Netty executor " + executor
                + ", which does no I/O: open channels and streams from a loop on an event loop, "
                + "Loop.of(channel.eventLoop()), or hand them to one with runCoroutineThreadsafe");
    }

    @Override
    public EventExecutor executor() {
        return executor;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean inLoopThread() {
        return executor.inEventLoop();
    }

    @Override
    public void bind() {
        throw new IllegalStateException("This event loop is already running: Netty event loop " + executor
                + " runs it; from another thread, hand it work with callSoonThreadsafe(...)");
    }

    @Override
    public void checkIdleThread(String what) {
        if (!executor.inEventLoop()) {
            throw new IllegalStateException(what + " was called from thread '" + Thread.currentThread().getName()
                    + "', not from Netty event loop " + executor
                    + " which runs this loop: from another thread, use loop.callSoonThreadsafe(...)");
        }
    }

    @Override
    public boolean runsItself() {
        return true;
    }

    @Override
    public void checkControl(Control what) {
        throw new IllegalStateException(switch (what) {
            case STOP -> "A loop hosted on a Netty event loop runs as long as that event loop: "
                    + "shut its EventLoopGroup down instead of stopping the loop";
            case CLOSE -> "Cannot close a running event loop: it runs as long as Netty event loop " + executor
                    + " does; shut that loop's EventLoopGroup down instead";
        });
    }

    @Override
    public void execute(Runnable handoff) {
        // Once the close has begun, the loop takes back a handoff that came too late itself
        // (Loop.callSoonThreadsafe). While the event loop shuts down, handoffs wait for the close,
        // which cancels them: a producer that never stops would otherwise keep Netty's queue from
        // ever being empty, and the event loop from ending.
        if (handedIn.offer(handoff) && !executor.isShuttingDown()) {
            requestDrain();
        }
    }

    private void requestDrain() {
        try {
            executor.execute(drainHandedIn);
        } catch (RejectedExecutionException shutDown) {
            // The event loop is going away: the close runs what is in the inbox.
        }
    }

    /**
     * The Netty task of the handoffs: runs a batch of them, then the iteration they made work for, in
     * the same task, rather than each handoff's readyAdded handing Netty an iteration task of its own.
     */
    private void drainHandedIn() {
        boolean shuttingDown = executor.isShuttingDown();
        if (!shuttingDown) {
            handedIn.arm();
        }
        boolean iterateHere = !iterationQueued && !shuttingDown;
        if (iterateHere) {
            iterationQueued = true;
        }
        handedIn.runBatch();
        if (!shuttingDown && !handedIn.isEmpty() && handedIn.claimWakeup()) {
            // What came during the batch goes in the next one, after Netty's I/O and other tasks.
            requestDrain();
        }
        if (iterateHere) {
            if (loop.hasReady()) {
                run();
            } else {
                idle();
            }
        }
    }

    @Override
    public void poll(long timeoutNanos) {
        // Netty did the I/O before it ran this iteration, and waits for the next one itself.
    }

    @Override
    public int handoffsToRun() {
        // The drain task moved them into the ready queue before it ran the iteration.
        return 0;
    }

    @Override
    public Runnable nextHandoff() {
        throw new IllegalStateException("a hosted loop's handoffs go through its ready queue");
    }

    @Override
    public void wakeup() {
        // Netty wakes its own loop when a task arrives.
    }

    @Override
    public void readyAdded() {
        if (!iterationQueued && !terminated) {
            iterationQueued = true;
            submitIteration();
        }
    }

    @Override
    public void timerArmed(long deadlineNanos) {
        if (!iterationQueued && !terminated) {
            armAlarm(deadlineNanos);
        }
    }

    /** One iteration, run by Netty as a task. */
    @Override
    public void run() {
        if (executor.isShuttingDown()) {
            finish();
            return;
        }
        loop.runIteration();
        if (loop.hasReady()) {
            submitIteration();
        } else {
            idle();
        }
    }

    /** Nothing is ready: the next iteration is the next timer's, or the next readyAdded's. */
    private void idle() {
        iterationQueued = false;
        long next = loop.nextDeadline();
        if (next != Long.MAX_VALUE) {
            armAlarm(next);
        }
    }

    private void submitIteration() {
        if (executor.isShuttingDown()) {
            finish();
            return;
        }
        try {
            executor.execute(this);
        } catch (RejectedExecutionException shutDownMeanwhile) {
            finish();
        }
    }

    private void armAlarm(long deadlineNanos) {
        if (executor.isShuttingDown()) {
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
        alarm = executor.schedule(onAlarm, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void onAlarm() {
        alarm = null;
        if (!iterationQueued) {
            iterationQueued = true;
            run();
        }
    }

    /**
     * The event loop is going away: closes the channels aioloop opened on it and cancels the tasks
     * (once), and runs iterations here and now, since Netty may no longer take our iteration task.
     * Work arriving later (a thread-safe callback Netty accepted, an I/O completion) lands here again.
     */
    private void finish() {
        iterationQueued = true;
        if (!tasksCancelled) {
            tasksCancelled = true;
            ClosedWithEventLoop.closeAll(executor);
            loop.cancelLiveTasks("Netty event loop " + executor + " is shutting down");
        }
        for (int i = 0; i < SHUTDOWN_ITERATIONS && loop.hasReady(); i++) {
            loop.runIteration();
        }
        iterationQueued = false;
    }

    /** Netty's shutdown hook, on the event loop's thread as it shuts down. */
    void onShutdown() {
        if (!iterationQueued) {
            finish();
        }
    }

    /** On Netty's termination thread, once the event loop's thread is gone: the loop's close. */
    void onTerminated() {
        ClosedWithEventLoop.forget(executor);
        Collection<?> pending = loop.liveTasks();
        loop.closeFromDriver();
        if (!pending.isEmpty()) {
            LOG.warn("Netty event loop {} terminated with {} asyncio task(s) still pending (awaiting what never came): {}",
                    executor, pending.size(), pending);
        }
    }

    /** Called by the loop's close: hands in what was accepted, so that the close discards it, and refuses the rest. */
    @Override
    public void close() {
        terminated = true;
        handedIn.runAll();
    }
}
