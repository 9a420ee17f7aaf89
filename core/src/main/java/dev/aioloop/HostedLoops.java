package dev.aioloop;

import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import dev.aioloop.spi.Hosting;
import io.netty.channel.EventLoop;
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

    /** The loop hosted on {@code eventLoop}; see {@link Loop#of(EventLoop)}. */
    static Loop of(EventLoop eventLoop) {
        if (HOSTING == null) {
            throw new IllegalArgumentException("Cannot host an asyncio loop on " + eventLoop.getClass().getName()
                    + " without aioloop-netty: add the dependency dev.aioloop:aioloop-netty");
        }
        return Loop.ofDriven(HOSTING.loopOf(eventLoop, NEW_LOOP));
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
