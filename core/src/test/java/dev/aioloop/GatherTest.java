package dev.aioloop;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gather: order, failures, returnExceptions, cancellation. */
class GatherTest extends AbstractLoopTest {

    private static <T> Coroutine<T> after(double seconds, T value) {
        return () -> sleep(seconds, value);
    }

    private static Coroutine<Object> failingAfter(double seconds, Exception failure) {
        return () -> {
            sleep(seconds);
            throw failure;
        };
    }

    @Test
    void resultsComeInArgumentOrderNotCompletionOrder() throws Exception {
        Future<String> future = loop.createFuture();
        loop.callSoon(() -> future.setResult("set first"));

        List<Object> results = loop.runUntilComplete(() -> await(gather(after(0.03, "slowest"), after(0.01, "fast"), future)));

        assertEquals(List.of("slowest", "fast", "set first"), results);
    }

    @Test
    void coroutinesAreWrappedInTasksThatRunConcurrently() throws Exception {
        Coroutine<String> a = () -> {
            log.add("a starts");
            sleep(0.01);
            log.add("a ends");
            return "a";
        };
        Coroutine<String> b = () -> {
            log.add("b starts");
            sleep(0.01);
            log.add("b ends");
            return "b";
        };

        loop.runUntilComplete(() -> await(gather(a, b)));

        assertEquals(List.of("a starts", "b starts", "a ends", "b ends"), log);
    }

    @Test
    void theFirstFailurePropagatesAsTheSameObjectWithoutCancellingTheOthers() throws Exception {
        IOException failure = new IOException("first failure");
        Future<String> gate = loop.createFuture();
        Task<String> slow = loop.createTask(() -> await(gate));

        Throwable thrown = loop.runUntilComplete(() -> {
            try {
                await(gather(failingAfter(0, failure), slow));
                return null;
            } catch (IOException e) {
                return e;
            }
        });

        assertSame(failure, thrown);
        assertFalse(slow.done(), "the other child was cancelled or waited for");
        gate.setResult("slow result");
        assertEquals("slow result", loop.runUntilComplete(slow));
    }

    @Test
    void returnExceptionsPutsFailuresInTheList() throws Exception {
        IOException failure = new IOException("kept in the list");

        List<Object> results = loop.runUntilComplete(
                () -> await(gather(true, after(0.02, "ok"), failingAfter(0.01, failure))));

        assertEquals(2, results.size());
        assertEquals("ok", results.get(0));
        assertSame(failure, results.get(1));
    }

    @Test
    void returnExceptionsPutsACancelledChildsCancelledErrorInTheList() throws Exception {
        Task<String> cancelled = loop.createTask(after(3600, "never"));
        loop.callSoon(() -> cancelled.cancel("child cancelled"));

        List<Object> results = loop.runUntilComplete(() -> await(gather(true, cancelled, after(0.01, "ok"))));

        CancelledError e = assertInstanceOf(CancelledError.class, results.get(0));
        assertEquals("child cancelled", e.getMessage());
        assertEquals("ok", results.get(1));
    }

    @Test
    void withoutReturnExceptionsACancelledChildRaisesCancelledError() throws Exception {
        Task<String> cancelled = loop.createTask(after(3600, "never"));
        loop.callSoon(cancelled::cancel);

        Future<List<Object>> gathering = gather(cancelled, after(0.01, "ok"));

        assertThrows(CancelledError.class, () -> loop.runUntilComplete(gathering));
    }

    @Test
    void cancellingTheGatherCancelsItsChildren() throws Exception {
        Task<String> a = loop.createTask(after(3600, "a"));
        Task<String> b = loop.createTask(after(3600, "b"));
        Future<List<Object>> gathering = gather(a, b);
        loop.callSoon(() -> log.add("cancel returned " + gathering.cancel("stop all")));

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(gathering));

        assertEquals(List.of("cancel returned true"), log);
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        assertEquals("stop all", e.getMessage());
    }

    @Test
    void cancellingATaskThatAwaitsAGatherCancelsTheChildren() throws Exception {
        Task<String> a = loop.createTask(after(3600, "a"));
        Task<String> b = loop.createTask(after(3600, "b"));
        Task<List<Object>> awaiter = loop.createTask(() -> await(gather(a, b)));
        loop.callSoon(awaiter::cancel);

        assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaiter));

        assertTrue(awaiter.cancelled());
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
    }

    @Test
    void cancellingAFinishedGatherReturnsFalse() throws Exception {
        Future<List<Object>> gathering = gather(loop.createTask(after(0, "x")));
        loop.runUntilComplete(gathering);

        assertFalse(gathering.cancel());
        assertEquals(List.of("x"), gathering.result());
    }

    @Test
    void anEmptyGatherIsDoneAtOnceWithAnEmptyList() throws Exception {
        List<Object> results = loop.runUntilComplete(() -> {
            Future<List<Object>> none = gather();
            assertTrue(none.done());
            return await(none);
        });
        assertEquals(List.of(), results);
    }

    @Test
    void theSameChildTwiceGivesItsResultTwice() throws Exception {
        Task<String> once = loop.createTask(after(0.01, "once"));
        assertEquals(List.of("once", "once"), loop.runUntilComplete(gather(once, once)));
    }

    @Test
    void theResultListCannotBeModified() throws Exception {
        List<Object> results = loop.runUntilComplete(gather(loop.createTask(after(0, "x"))));
        assertThrows(UnsupportedOperationException.class, () -> results.add("y"));
    }
}
