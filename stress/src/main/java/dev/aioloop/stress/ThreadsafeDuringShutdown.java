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

/**
 * A thread-safe callback arriving at a hosted loop while its Netty executor shuts down: accepted,
 * it runs or its handle reads cancelled (the loop's close discarded it); otherwise the call threw.
 */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "accepted and run")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "accepted, then discarded by the close: its handle reads cancelled")
@Outcome(id = "3", expect = ACCEPTABLE, desc = "refused: the executor was shutting down")
@Outcome(id = "0", expect = FORBIDDEN, desc = "accepted, yet neither run nor cancelled: silently dropped")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class ThreadsafeDuringShutdown {
    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final Loop loop = Loop.of(executor);
    private final ThreadsafeCallback callback = new ThreadsafeCallback();

    /** Schedules a callback from a foreign thread. */
    @Actor
    public void schedule() {
        callback.schedule(loop);
    }

    /** Shuts the executor down meanwhile. */
    @Actor
    public void shutDown() {
        executor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    /** Once the executor has terminated and the loop's close has had its time to discard what it holds. */
    @Arbiter
    public void outcome(I_Result r) {
        executor.terminationFuture().syncUninterruptibly();
        // The loop closes on Netty's termination thread, after the termination future's waiters may
        // have woken: an accepted callback is given a second to end run or cancelled.
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!callback.settled() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        r.r1 = callback.outcome();
    }
}
