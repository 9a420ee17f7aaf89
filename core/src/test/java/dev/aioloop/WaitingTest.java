package dev.aioloop;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitingTest extends AbstractLoopTest {

    private static <T> Coroutine<T> afterSteps(int steps, T value) {
        return () -> {
            for (int i = 0; i < steps; i++) {
                sleep(0);
            }
            return value;
        };
    }

    @Test
    void firstCompletedReturnsAsSoonAsOneIsDone() throws Exception {
        run(() -> {
            Task<String> fast = createTask(afterSteps(1, "fast"));
            Task<String> slow = createTask(afterSteps(5, "slow"));
            WaitResult<String> r = Asyncio.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertFalse(slow.cancelled(), "wait cancels nothing");
            return null;
        });
    }

    @Test
    void firstExceptionReturnsOnAFailureButNotOnACancellation() throws Exception {
        run(() -> {
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
            return null;
        });
    }

    @Test
    void allCompletedWaitsForAllAndATimeoutLeavesThemPending() throws Exception {
        run(() -> {
            Task<String> a = createTask(afterSteps(1, "a"));
            Task<String> b = createTask(afterSteps(3, "b"));
            WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(a, b), r.done());
            assertTrue(r.pending().isEmpty());

            Task<String> forever = createTask(() -> sleep(30, "never"));
            WaitResult<String> timedOut = Asyncio.wait(List.of(forever), ReturnWhen.ALL_COMPLETED, 0.01);
            assertEquals(Set.of(forever), timedOut.pending());
            assertFalse(forever.done());
            forever.cancel();
            assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of(), ReturnWhen.ALL_COMPLETED));
            return null;
        });
    }

    @Test
    void asCompletedYieldsResultsInCompletionOrder() throws Exception {
        List<String> order = new ArrayList<>();
        run(() -> {
            List<Coroutine<String>> work = List.of(afterSteps(3, "three"), afterSteps(1, "one"), afterSteps(2, "two"));
            for (Coroutine<String> next : asCompleted(work)) {
                order.add(await(next));
            }
            return null;
        });
        assertEquals(List.of("one", "two", "three"), order);
    }

    @Test
    void asCompletedRaisesTimeoutErrorForThoseLeftAtTheDeadline() throws Exception {
        List<String> outcomes = new ArrayList<>();
        run(() -> {
            Task<String> forever = createTask(() -> sleep(30, "never"));
            // Done already, so that it comes out before the deadline however slow the machine is.
            Future<String> quick = getRunningLoop().createFuture();
            quick.setResult("quick");
            for (Coroutine<String> next : asCompleted(List.of(quick, forever), 0.01)) {
                try {
                    outcomes.add(await(next));
                } catch (TimeoutError e) {
                    outcomes.add("timed out");
                }
            }
            assertFalse(forever.done(), "asCompleted cancels nothing");
            forever.cancel();
            return null;
        });
        assertEquals(List.of("quick", "timed out"), outcomes);
    }

    @Test
    void shieldKeepsTheInnerTaskRunningWhenTheAwaiterIsCancelled() throws Exception {
        List<Task<String>> inner = new ArrayList<>();
        Task<String> outer = loop.createTask(() -> {
            inner.add(createTask(afterSteps(4, "saved")));
            return await(shield(inner.get(0)));
        });
        loop.callSoon(() -> loop.callSoon(outer::cancel));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertFalse(inner.get(0).done());
        assertEquals("saved", loop.runUntilComplete(inner.get(0)));
    }

    @Test
    void shieldPassesTheInnerOutcomeOn() throws Exception {
        run(() -> {
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
            return null;
        });
    }
}
