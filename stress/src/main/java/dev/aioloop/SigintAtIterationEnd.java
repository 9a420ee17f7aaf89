package dev.aioloop;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The SIGINT flag set (as the signal's thread sets it) while a one-iteration run ends: the Ctrl-C is
 * raised by this run, or is still pending for the next one; never lost, never raised twice. In
 * package {@code dev.aioloop}, on the class path, to reach the signal handler's entry point.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "raised by the run")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "came after the run's last check: pending for the next run")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "raised, and still pending")
@State
public class SigintAtIterationEnd {
    private final Loop loop = Asyncio.newEventLoop();
    private volatile int raised;

    /** A loop whose next run does one iteration. */
    public SigintAtIterationEnd() {
        loop.stop();
    }

    /** One iteration. */
    @Actor
    public void run() {
        try {
            loop.runForever();
        } catch (KeyboardInterrupt e) {
            raised = 1;
        }
    }

    /** The signal's thread. */
    @Actor
    public void signal() {
        loop.interrupt();
    }

    /** Once both are done. */
    @Arbiter
    public void outcome(II_Result r) {
        r.r1 = raised;
        r.r2 = loop.interrupted ? 1 : 0;
        loop.close();
    }
}
