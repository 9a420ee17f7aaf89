package dev.aioloop.spi;

import io.netty.util.concurrent.EventExecutor;
import java.util.function.Function;

/**
 * Hosting loops on Netty event loops that other threads drive, found with {@link java.util.ServiceLoader}:
 * aioloop-netty provides it. Core asks it for {@code Loop.of(eventLoop)} and for the running loop of a
 * Netty thread outside the loop's iterations (a channel handler's), and otherwise knows nothing of
 * hosting.
 *
 * <p>Not API: exported to aioloop's own modules only.
 */
public interface Hosting {
    /**
     * The loop hosted on {@code executor} (an event loop, or a plain single-threaded executor), made
     * with {@code newLoop} (a new {@code Loop} on that driver) on first use, one per executor.
     *
     * @throws IllegalArgumentException, saying what to pass, if the executor cannot host a loop
     * @throws IllegalStateException if the executor is shutting down and hosts no loop yet
     */
    DrivenLoop loopOf(EventExecutor executor, Function<Driver, DrivenLoop> newLoop);

    /**
     * For the error of a thread with no loop: the Netty executor the calling thread serves, if it
     * cannot host a loop, and what to do instead; null if the thread serves none.
     */
    default String unhostableExecutor() {
        return null;
    }

    /** The loop hosted on the Netty event loop the calling thread serves (made if need be), or null. */
    DrivenLoop currentThreadLoop(Function<Driver, DrivenLoop> newLoop);
}
