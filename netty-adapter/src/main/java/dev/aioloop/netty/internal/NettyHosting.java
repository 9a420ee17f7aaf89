package dev.aioloop.netty.internal;

import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import dev.aioloop.spi.Hosting;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * aioloop-netty's {@link Hosting} service: one loop per Netty event loop, made on first use,
 * dropped when the event loop terminates. Not API: core finds it through {@link java.util.ServiceLoader}.
 *
 * <p>Outside the loop's iterations (a channel handler, say), {@link #currentThreadLoop} finds the
 * loop through Netty's record of which executor the thread serves: a thread is not tied to one
 * executor for good (Netty can park an idle executor and later resume it on another thread), so the
 * thread itself never remembers the loop.
 */
public final class NettyHosting implements Hosting {
    private static final ConcurrentHashMap<EventLoop, DrivenLoop> LOOPS = new ConcurrentHashMap<>();

    /** Made by {@link java.util.ServiceLoader}. */
    public NettyHosting() {
    }

    @Override
    public DrivenLoop loopOf(EventLoop eventLoop, Function<Driver, DrivenLoop> newLoop) {
        DrivenLoop loop = LOOPS.get(eventLoop);
        if (loop != null) {
            return loop;
        }
        if (!(eventLoop instanceof SingleThreadEventExecutor executor)) {
            throw new IllegalArgumentException("Cannot host an asyncio loop on " + eventLoop.getClass().getName()
                    + ": pass an event loop of a MultiThreadIoEventLoopGroup (any SingleThreadEventExecutor)");
        }
        if (eventLoop.isShuttingDown()) {
            throw shuttingDown(eventLoop, null);
        }
        HostedDriver driver = new HostedDriver(eventLoop);
        DrivenLoop created = newLoop.apply(driver);
        loop = LOOPS.putIfAbsent(eventLoop, created);
        if (loop != null) {
            return loop;
        }
        try {
            executor.addShutdownHook(driver::onShutdown);
        } catch (RejectedExecutionException e) {
            LOOPS.remove(eventLoop, created);
            throw shuttingDown(eventLoop, e);
        }
        eventLoop.terminationFuture().addListener(f -> {
            LOOPS.remove(eventLoop, created);
            driver.onTerminated();
        });
        return created;
    }

    @Override
    public DrivenLoop currentThreadLoop(Function<Driver, DrivenLoop> newLoop) {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (!(executor instanceof EventLoop eventLoop) || !(executor instanceof SingleThreadEventExecutor)) {
            return null;
        }
        DrivenLoop loop = LOOPS.get(eventLoop);
        if (loop != null || eventLoop.isShuttingDown()) {
            return loop;
        }
        return loopOf(eventLoop, newLoop);
    }

    private static IllegalStateException shuttingDown(EventLoop eventLoop, Throwable cause) {
        return new IllegalStateException("Netty event loop " + eventLoop + " is shutting down: it can host no new loop", cause);
    }
}
