package dev.aioloop.stress;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code callSoonThreadsafe} from one thread while another closes the loop: a callback the loop
 * accepted is never dropped silently. The close discards what is pending, so an accepted callback's
 * handle reads cancelled; otherwise the call threw.
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "accepted before the close: its handle reads cancelled")
@Outcome(id = "3", expect = ACCEPTABLE, desc = "refused with IllegalStateException: the loop was closed")
@Outcome(id = "0", expect = FORBIDDEN, desc = "accepted, yet neither run nor cancelled: silently dropped")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class CallSoonThreadsafeVsClose {
    private final Loop loop = Asyncio.newEventLoop();
    private final ThreadsafeCallback callback = new ThreadsafeCallback();

    /** Schedules a callback from a foreign thread. */
    @Actor
    public void schedule() {
        callback.schedule(loop);
    }

    /** Closes the loop meanwhile. */
    @Actor
    public void close() {
        loop.close();
    }

    /** Once both are done: what became of the callback. */
    @Arbiter
    public void outcome(I_Result r) {
        r.r1 = callback.outcome();
    }
}
