package dev.aioloop.netty.internal;

import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import dev.aioloop.spi.Hosting;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * aioloop-netty's {@link Hosting} service: one loop per single-threaded Netty executor (an event
 * loop of a {@code MultiThreadIoEventLoopGroup}, or a {@code DefaultEventExecutor} of a
 * {@code DefaultEventExecutorGroup}), made on first use, dropped when the executor terminates. Not
 * API: core finds it through {@link java.util.ServiceLoader}.
 *
 * <p>Outside the loop's iterations (a channel handler, say), {@link #currentThreadLoop} finds the
 * loop through Netty's record of which executor the thread serves: a thread is not tied to one
 * executor for good (Netty can park an idle executor and later resume it on another thread), so the
 * thread itself never remembers the loop.
 */
public final class NettyHosting implements Hosting {
    private static final ConcurrentHashMap<EventExecutor, DrivenLoop> LOOPS = new ConcurrentHashMap<>();

    /** Made by {@link java.util.ServiceLoader}. */
    public NettyHosting() {
    }

    @Override
    public DrivenLoop loopOf(EventExecutor executor, Function<Driver, DrivenLoop> newLoop) {
        DrivenLoop loop = LOOPS.get(executor);
        if (loop != null) {
            return loop;
        }
        if (!(executor instanceof SingleThreadEventExecutor single)) {
            throw new IllegalArgumentException("Cannot host an asyncio loop on " + executor.getClass().getName()
                    + ": " + whatCanHost());
        }
        if (executor.isShuttingDown()) {
            throw shuttingDown(executor, null);
        }
        HostedDriver driver = new HostedDriver(single);
        DrivenLoop created = newLoop.apply(driver);
        loop = LOOPS.putIfAbsent(executor, created);
        if (loop != null) {
            return loop;
        }
        try {
            single.addShutdownHook(driver::onShutdown);
        } catch (RejectedExecutionException e) {
            LOOPS.remove(executor, created);
            throw shuttingDown(executor, e);
        }
        executor.terminationFuture().addListener(f -> {
            LOOPS.remove(executor, created);
            driver.onTerminated();
        });
        return created;
    }

    @Override
    public DrivenLoop currentThreadLoop(Function<Driver, DrivenLoop> newLoop) {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (!(executor instanceof SingleThreadEventExecutor)) {
            return null;
        }
        DrivenLoop loop = LOOPS.get(executor);
        if (loop != null || executor.isShuttingDown()) {
            return loop;
        }
        return loopOf(executor, newLoop);
    }

    @Override
    public String unhostableExecutor() {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (executor == null) {
            return null;
        }
        if (executor instanceof SingleThreadEventExecutor) {
            return "it serves Netty executor " + executor + ", which is shutting down and hosts no loop";
        }
        return "it serves Netty executor " + executor.getClass().getName() + ", which is not single-threaded (not a "
                + "SingleThreadEventExecutor) and cannot host an asyncio loop; " + whatCanHost()
                + ", or hand the work to a loop with Asyncio.runCoroutineThreadsafe(coroutine, Loop.of(channel.eventLoop()))";
    }

    private static String whatCanHost() {
        return "pass an event loop of a MultiThreadIoEventLoopGroup, or an executor of a DefaultEventExecutorGroup "
                + "(any SingleThreadEventExecutor)";
    }

    private static IllegalStateException shuttingDown(EventExecutor executor, Throwable cause) {
        return new IllegalStateException("Netty event loop " + executor + " is shutting down: it can host no new loop", cause);
    }
}
