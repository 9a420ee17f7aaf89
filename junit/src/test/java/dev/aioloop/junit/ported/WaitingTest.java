package dev.aioloop.junit.ported;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Coroutine;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.ReturnWhen;
import dev.aioloop.Task;
import dev.aioloop.TimeoutError;
import dev.aioloop.WaitResult;
import dev.aioloop.junit.AsyncioTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Core's wait, asCompleted and shield, each test a task of its own loop (formerly core's WaitingTest). */
class WaitingTest {

    private static <T> Coroutine<T> afterSteps(int steps, T value) {
        return () -> {
            for (int i = 0; i < steps; i++) {
                sleep(0);
            }
            return value;
        };
    }

    @AsyncioTest
    void firstCompletedReturnsAsSoonAsOneIsDone() throws Exception {
        Task<String> fast = createTask(afterSteps(1, "fast"));
        Task<String> slow = createTask(afterSteps(5, "slow"));
        WaitResult<String> r = Asyncio.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(fast), r.done());
        assertEquals(Set.of(slow), r.pending());
        assertFalse(slow.cancelled(), "wait cancels nothing");
    }

    @AsyncioTest
    void firstExceptionReturnsOnAFailureButNotOnACancellation() throws Exception {
        Task<String> cancelled = createTask(afterSteps(5, "never"));
        Task<String> failing = createTask(() -> {
            sleep(0);
            sleep(0);
            throw new IOException("boom");
        });
        Task<String> slow = createTask(afterSteps(10, "slow"));
        cancelled.cancel();
        WaitResult<String> r = Asyncio.wait(List.of(cancelled, failing, slow), ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(cancelled, failing), r.done());
        assertEquals(Set.of(slow), r.pending());
        // wait() retrieves nothing: left unseen, the failure would fail the test.
        assertInstanceOf(IOException.class, failing.exception());
    }

    @AsyncioTest
    void allCompletedWaitsForAllAndATimeoutLeavesThemPending() throws Exception {
        Task<String> a = createTask(afterSteps(1, "a"));
        Task<String> b = createTask(afterSteps(3, "b"));
        WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(a, b), r.done());
        assertTrue(r.pending().isEmpty());

        Task<String> forever = createTask(() -> sleep(30, "never"));
        WaitResult<String> timedOut = Asyncio.wait(List.of(forever), ReturnWhen.ALL_COMPLETED, 0.01);
        assertEquals(Set.of(forever), timedOut.pending());
        assertFalse(forever.done());
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of(), ReturnWhen.ALL_COMPLETED));
    }

    @AsyncioTest
    void asCompletedYieldsResultsInCompletionOrder() throws Exception {
        List<String> order = new ArrayList<>();
        List<Coroutine<String>> work = List.of(afterSteps(3, "three"), afterSteps(1, "one"), afterSteps(2, "two"));
        for (Coroutine<String> next : asCompleted(work)) {
            order.add(await(next));
        }
        assertEquals(List.of("one", "two", "three"), order);
    }

    @AsyncioTest
    void asCompletedRaisesTimeoutErrorForThoseLeftAtTheDeadline(Loop loop) throws Exception {
        List<String> outcomes = new ArrayList<>();
        Task<String> forever = createTask(() -> sleep(30, "never"));
        // Done already, so that it comes out before the deadline however slow the machine is.
        Future<String> quick = loop.createFuture();
        quick.setResult("quick");
        for (Coroutine<String> next : asCompleted(List.of(quick, forever), 0.01)) {
            try {
                outcomes.add(await(next));
            } catch (TimeoutError e) {
                outcomes.add("timed out");
            }
        }
        assertFalse(forever.done(), "asCompleted cancels nothing");
        assertEquals(List.of("quick", "timed out"), outcomes);
    }

    @AsyncioTest
    void shieldKeepsTheInnerTaskRunningWhenTheAwaiterIsCancelled(Loop loop) throws Exception {
        Task<String> inner = createTask(afterSteps(4, "saved"));
        Task<String> outer = createTask(() -> await(shield(inner)));
        loop.callSoon(() -> loop.callSoon(outer::cancel));
        assertThrows(CancelledError.class, outer::await);
        assertFalse(inner.done());
        assertEquals("saved", await(inner));
    }

    @AsyncioTest
    void shieldPassesTheInnerOutcomeOn() throws Exception {
        assertEquals("value", await(shield(afterSteps(2, "value"))));
        Task<String> failing = createTask(() -> {
            sleep(0);
            throw new IOException("inner failed");
        });
        IOException e = assertThrows(IOException.class, () -> await(shield(failing)));
        assertEquals("inner failed", e.getMessage());
        Task<String> cancelled = createTask(afterSteps(3, "never"));
        Future<String> shielded = shield(cancelled);
        cancelled.cancel();
        assertThrows(CancelledError.class, () -> await(shielded));
    }
}
