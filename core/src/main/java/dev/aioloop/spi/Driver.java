package dev.aioloop.spi;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;

/**
 * What a {@link dev.aioloop.Loop} needs from the machinery under it, and nothing else: the loop
 * owns its ready queue, its timers, its tasks and its one iteration; a driver says only how to wait
 * and wake, how the next iteration is asked for, what the clock reads, which thread may touch the
 * loop, and how the loop ends. Core's standalone driver is a Netty {@code ManualIoEventLoop} run by
 * the thread that calls {@code runForever}; aioloop-netty's hosted driver puts a loop on a Netty
 * event loop that another thread already drives.
 *
 * <p>Not API: exported to aioloop's own modules only.
 */
public interface Driver {
    /** Called once, by the loop being made, with the loop's side of the contract. */
    void attach(DrivenLoop loop);

    /**
     * The Netty event loop the loop's channels register on.
     *
     * @throws IllegalStateException, saying why, if the loop runs on a Netty executor that does no I/O
     */
    EventLoop eventLoop();

    /** The Netty executor whose thread runs the loop's iterations: its event loop, unless it is hosted on a plain executor. */
    default EventExecutor executor() {
        return eventLoop();
    }

    /** The loop's clock, in nanoseconds from an arbitrary origin; monotonic, comparable by subtraction. */
    long nanoTime();

    /**
     * Whether the calling thread is the one the loop's iterations run on: then thread-safe work can
     * go straight to the ready queue.
     */
    boolean inLoopThread();

    /**
     * Binds the calling thread before it runs the loop ({@code runForever}, {@code runUntilComplete}).
     *
     * @throws IllegalStateException, saying what to do instead, if this thread may not run the loop
     */
    void bind();

    /**
     * Checks a call that belongs to the loop's thread, made while no thread is inside a run.
     *
     * @param what the call, for the message
     * @throws IllegalStateException, saying what to do instead, if the calling thread may not make it
     */
    void checkIdleThread(String what);

    /** Whether the loop counts as running although no thread is inside one of its runs. */
    boolean runsItself();

    /**
     * Checks that the loop's user may stop or close it.
     *
     * @throws IllegalStateException, saying what to do instead, if the driver decides the loop's life
     */
    void checkControl(Control what);

    /**
     * Hands {@code handoff} to the loop's thread, waking it if it waits; callable from any thread.
     * The handoff only moves work into the ready queue: it runs no user code.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the driver is shut down
     */
    void execute(Runnable handoff);

    /**
     * Does the loop's I/O and takes in the handoffs that came, waiting at most {@code timeoutNanos} for
     * something to happen: 0 means do not wait, {@link Long#MAX_VALUE} until woken. A driver whose
     * thread already did the I/O before the iteration returns at once. The handoffs it takes in it
     * either runs here, each moving its work into the ready queue, or leaves to the iteration
     * ({@link #handoffsToRun}).
     */
    void poll(long timeoutNanos);

    /**
     * How many handoffs the iteration that just polled takes itself, oldest first with
     * {@link #nextHandoff}, after the entries that were ready when {@link #poll} returned and before
     * the timers that are due: their place in the ready queue, without the trip through it. 0 for a
     * driver that ran them in {@link #poll}.
     */
    int handoffsToRun();

    /** The oldest handoff not yet taken, one of those {@link #handoffsToRun} counted; null if none is left. */
    Runnable nextHandoff();

    /** Ends a wait in {@link #poll} from any thread. */
    void wakeup();

    /** Work became ready on the loop's thread: the driver makes sure an iteration comes. */
    void readyAdded();

    /** A timer due at {@code deadlineNanos} was armed on the loop's thread: the driver makes sure an iteration comes then. */
    void timerArmed(long deadlineNanos);

    /**
     * Releases the driver, once, as the loop closes: the handoffs it still holds are run (moving their
     * work into the ready queue, which the loop then discards) or dropped, and later ones are refused.
     */
    void close();

    /** The calls of a loop's user that a driver may refuse. */
    enum Control { STOP, CLOSE }
}
