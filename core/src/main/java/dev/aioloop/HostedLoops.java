package dev.aioloop;

import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import dev.aioloop.spi.Hosting;
import io.netty.util.concurrent.EventExecutor;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Loops hosted on Netty event loops that other threads drive, as far as core knows them: through
 * the {@link Hosting} service that aioloop-netty provides, looked up once.
 */
final class HostedLoops {
    private static final Hosting HOSTING = ServiceLoader.load(Hosting.class, HostedLoops.class.getClassLoader())
            .findFirst().orElse(null);
    private static final Function<Driver, DrivenLoop> NEW_LOOP = driver -> new Loop(driver).driven();

    private HostedLoops() {
    }

    /** The loop hosted on {@code executor}; see {@link Loop#of(EventExecutor)}. */
    static Loop of(EventExecutor executor) {
        if (HOSTING == null) {
            throw new IllegalArgumentException("Cannot host an asyncio loop on " + executor.getClass().getName()
                    + " without aioloop-netty: add the dependency dev.aioloop:aioloop-netty");
        }
        return Loop.ofDriven(HOSTING.loopOf(executor, NEW_LOOP));
    }

    /** The Netty executor the calling thread serves that can host no loop, and what to do; null if none. */
    static String unhostableExecutor() {
        return HOSTING == null ? null : HOSTING.unhostableExecutor();
    }

    /** The loop hosted on the Netty event loop the calling thread serves, or null. */
    static Loop currentThreadLoop() {
        if (HOSTING == null) {
            return null;
        }
        DrivenLoop loop = HOSTING.currentThreadLoop(NEW_LOOP);
        return loop == null ? null : Loop.ofDriven(loop);
    }
}
