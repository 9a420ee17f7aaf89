package dev.aioloop.stress;

import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The future of {@code runCoroutineThreadsafe} cancelled on one thread while the loop runs the task
 * to its end on another: the future ends cancelled or with the task's result, and the task is never
 * left pending (a cancel that does not reach it would leave it so, and the loop's run would never
 * end). r1: the future (1 result, 2 cancelled); r2: the task (0 never made, 1 result, 2 cancelled).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the task finished first: the future has its result")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "cancelled before the task was made: none was")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "cancelled as the task finished: the future reads cancelled")
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "cancelled while the task slept: the task was cancelled")
@Outcome(expect = FORBIDDEN, desc = "the future's outcome and the task's disagree")
@State
public class CoroutineThreadsafeCancelVsCompletion {
    private final Loop loop = Asyncio.newEventLoop();
    private volatile Task<?> task;
    private final CompletableFuture<Integer> future = Asyncio.runCoroutineThreadsafe(() -> {
        task = Asyncio.currentTask();
        sleep(0);
        return 42;
    }, loop);

    /** Runs the loop until the future is done and the task, if one was made, too. */
    @Actor
    public void run() {
        try {
            loop.runUntilComplete(() -> {
                while (!future.isDone() || task != null && !task.done()) {
                    sleep(0);
                }
            });
        } catch (Exception e) {
            // jcstress's harness calls actors without a throws clause: an error fails the test anyway.
            throw new IllegalStateException(e);
        }
    }

    /** Cancels the future from a foreign thread. */
    @Actor
    public void cancel() {
        future.cancel(false);
    }

    /** Once both are done. */
    @Arbiter
    public void outcome(II_Result r) {
        r.r1 = future.isCancelled() ? 2 : future.getNow(0) == 42 ? 1 : 3;
        Task<?> t = task;
        r.r2 = t == null ? 0 : t.cancelled() ? 2 : t.done() ? 1 : 3;
        loop.close();
    }
}
