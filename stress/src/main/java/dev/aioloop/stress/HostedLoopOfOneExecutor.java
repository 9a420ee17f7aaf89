package dev.aioloop.stress;

import dev.aioloop.Loop;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Two threads asking for the hosted loop of one Netty executor at once: both get the same one. */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "one executor, one loop")
@Outcome(expect = FORBIDDEN, desc = "two loops for one executor")
@State
public class HostedLoopOfOneExecutor {
    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private volatile Loop first;
    private volatile Loop second;

    /** Asks for the executor's loop. */
    @Actor
    public void one() {
        first = Loop.of(executor);
    }

    /** Asks for it too, at the same time. */
    @Actor
    public void two() {
        second = Loop.of(executor);
    }

    /** Once both have it. */
    @Arbiter
    public void outcome(I_Result r) {
        r.r1 = first == second ? 1 : 0;
        executor.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
