package dev.aioloop.stress;

import dev.aioloop.Asyncio;
import dev.aioloop.Handle;
import dev.aioloop.Loop;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The thread-safe handle's {@code cancel()} on one thread racing its run on the loop's: the
 * callback runs at most once, and the handle reads cancelled after the cancel whether it ran or
 * not, as asyncio's does.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "cancelled before it started: never ran")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "started first, then the cancel came: ran once")
@Outcome(expect = FORBIDDEN, desc = "ran twice, or the handle does not read cancelled")
@State
public class ThreadsafeCancelVsRun {
    private final Loop loop = Asyncio.newEventLoop();
    private final Handle handle;
    private volatile int runs;

    /** A loop with a thread-safe callback handed in, and a stop, so that a run does one iteration. */
    public ThreadsafeCancelVsRun() {
        // From this thread, which does not run the loop: the handle crosses through the driver.
        handle = loop.callSoonThreadsafe(() -> runs++);
        loop.stop();
    }

    /** One iteration of the loop, which runs the callback unless cancelled. */
    @Actor
    public void run() {
        loop.runForever();
    }

    /** Cancels from a foreign thread. */
    @Actor
    public void cancel() {
        handle.cancel();
    }

    /** Once both are done. */
    @Arbiter
    public void outcome(II_Result r) {
        r.r1 = runs;
        r.r2 = handle.cancelled() ? 1 : 0;
        loop.close();
    }
}
