package dev.aioloop;

import io.netty.channel.EventLoop;

/**
 * What a {@link Loop} needs from the thread machinery under it: a thread-safe way in, a wait for
 * I/O, and an owner thread. The loop keeps its own ready queue and timers; the driver only supplies
 * the waiting and the cross-thread hand-off. {@link ManualDriver} is the standalone one, a Netty
 * {@code ManualIoEventLoop} driven by the thread that runs the loop; {@link HostedDriver} puts the
 * loop on a Netty event loop that another thread already drives.
 */
interface Driver {
    /** Called once, by the loop's constructor, with the loop this driver serves. */
    void attach(Loop loop);

    /** The Netty event loop the loop's channels are registered on. */
    EventLoop eventLoop();

    /** Whether the calling thread is the one the loop runs on. */
    boolean inDriverThread();

    /** Binds the driver to the calling thread before a run; fails if another thread owns it. */
    void bind();

    /** Runs {@code task} on the driver's thread soon; callable from any thread; wakes a waiting poll. */
    void execute(Runnable task);

    /**
     * Does I/O and runs what {@link #execute} handed in, waiting at most {@code timeoutNanos} for
     * something to happen: 0 means do not wait, {@link Long#MAX_VALUE} means wait until woken.
     */
    void poll(long timeoutNanos);

    /** Ends a wait in {@link #poll} from any thread. */
    void wakeup();

    /** Releases the driver's resources; called once, by {@link Loop#close()}. */
    void close();
}
