package dev.aioloop.spi;

import io.netty.channel.EventLoop;
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
     * The loop hosted on {@code eventLoop}, made with {@code newLoop} (a new {@code Loop} on that driver) on first use, one per event loop.
     *
     * @throws IllegalArgumentException, saying what to pass, if the event loop cannot host a loop
     * @throws IllegalStateException if the event loop is shutting down and hosts no loop yet
     */
    DrivenLoop loopOf(EventLoop eventLoop, Function<Driver, DrivenLoop> newLoop);

    /** The loop hosted on the Netty event loop the calling thread serves (made if need be), or null. */
    DrivenLoop currentThreadLoop(Function<Driver, DrivenLoop> newLoop);
}
