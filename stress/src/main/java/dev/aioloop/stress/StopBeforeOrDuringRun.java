package dev.aioloop.stress;

import dev.aioloop.Asyncio;
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
 * {@code stop()} from another thread, before or during {@code runForever()}: the run returns either
 * way (a lost stop would leave it running, and jcstress would report the test as hung), and the
 * callback scheduled before the run has run. Before the run, a stop makes the run do one iteration.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the run returned, the scheduled callback ran")
@Outcome(expect = FORBIDDEN, desc = "the run did not return, or returned before its first iteration")
@State
public class StopBeforeOrDuringRun {
    private final Loop loop = Asyncio.newEventLoop();
    private volatile int returned;
    private volatile int ran;

    /** A loop with one callback scheduled. */
    public StopBeforeOrDuringRun() {
        loop.callSoon(() -> ran = 1);
    }

    /** Runs the loop until stopped. */
    @Actor
    public void run() {
        loop.runForever();
        returned = 1;
    }

    /** Stops it from a foreign thread, before or while it runs. */
    @Actor
    public void stop() {
        loop.stop();
    }

    /** Once both are done. */
    @Arbiter
    public void outcome(II_Result r) {
        r.r1 = returned;
        r.r2 = ran;
        loop.close();
    }
}
