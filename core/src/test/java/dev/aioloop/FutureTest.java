package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A future's states, its errors, and its done callbacks. */
class FutureTest extends AbstractLoopTest {

    /** Runs the loop until every callback scheduled so far, and those they schedule, have run. */
    private void drain() {
        for (int i = 0; i < 5; i++) {
            loop.stop();
            loop.runForever();
        }
    }

    @Test
    void doneCallbacksAreScheduledNotRunInsideSetResult() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(done -> log.add("callback saw " + done.result()));

        f.setResult("v");

        assertEquals(List.of(), log, "setResult ran the callback synchronously");
        drain();
        assertEquals(List.of("callback saw v"), log);
    }

    @Test
    void doneCallbacksAreScheduledOnFailureAndCancellationToo() {
        Future<String> failed = loop.createFuture();
        Future<String> cancelled = loop.createFuture();
        failed.addDoneCallback(f -> log.add("failed"));
        cancelled.addDoneCallback(f -> log.add("cancelled"));

        failed.setException(new IOException("x"));
        cancelled.cancel();

        assertEquals(List.of(), log);
        drain();
        assertEquals(List.of("failed", "cancelled"), log);
        failed.exception();
    }

    @Test
    void doneCallbacksRunInTheOrderTheyWereAdded() {
        Future<String> f = loop.createFuture();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(done -> log.add("cb" + n));
        }
        f.setResult("v");
        drain();
        assertEquals(List.of("cb0", "cb1", "cb2", "cb3", "cb4"), log);
    }

    @Test
    void aCallbackAddedToADoneFutureIsScheduledNotRunAtOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("v");

        f.addDoneCallback(done -> log.add("late callback"));

        assertEquals(List.of(), log);
        drain();
        assertEquals(List.of("late callback"), log);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistrationAndSaysHowMany() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> removed = done -> log.add("removed");
        Consumer<Future<String>> kept = done -> log.add("kept");
        f.addDoneCallback(removed);
        f.addDoneCallback(kept);
        f.addDoneCallback(removed);

        assertEquals(2, f.removeDoneCallback(removed));
        assertEquals(0, f.removeDoneCallback(removed));

        f.setResult("v");
        drain();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void removeTheOnlyDoneCallback() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> only = done -> log.add("only");
        f.addDoneCallback(only);

        assertEquals(1, f.removeDoneCallback(only));

        f.setResult("v");
        drain();
        assertEquals(List.of(), log);
    }

    @Test
    void removingAListenerFromADoneFutureDropsNoCallbackWhetherItHadOneListenerOrSeveral() {
        // Internal callers (wait(), awaitDone) remove their listener without checking done(): as
        // asyncio's removal after completion, it must not stop a callback already scheduled.
        Future<String> alone = loop.createFuture();
        Consumer<Future<String>> only = done -> log.add("only listener");
        alone.addListener(only);
        Future<String> shared = loop.createFuture();
        Consumer<Future<String>> first = done -> log.add("first of two");
        Consumer<Future<String>> second = done -> log.add("second of two");
        shared.addListener(first);
        shared.addListener(second);

        alone.setResult("v");
        shared.setResult("v");
        alone.removeListener(only);
        shared.removeListener(first);
        drain();

        assertEquals(List.of("only listener", "first of two", "second of two"), log);
    }

    @Test
    void resultAndExceptionOfAPendingFutureAreInvalidState() {
        Future<String> f = loop.createFuture();
        InvalidStateError result = assertThrows(InvalidStateError.class, f::result);
        InvalidStateError exception = assertThrows(InvalidStateError.class, f::exception);
        assertTrue(result.getMessage().startsWith("Result is not set"), result.getMessage());
        assertTrue(exception.getMessage().startsWith("Exception is not set"), exception.getMessage());
        assertFalse(f.done());
    }

    @Test
    void setResultTwiceIsInvalidStateAndKeepsTheFirst() {
        Future<String> f = loop.createFuture();
        f.setResult("first");

        InvalidStateError e = assertThrows(InvalidStateError.class, () -> f.setResult("second"));
        assertThrows(InvalidStateError.class, () -> f.setException(new IOException()));

        assertTrue(e.getMessage().contains("already done"), e.getMessage());
        assertEquals("first", f.result());
    }

    @Test
    void setResultOnACancelledFutureIsInvalidState() {
        Future<String> f = loop.createFuture();
        f.cancel();
        assertThrows(InvalidStateError.class, () -> f.setResult("late"));
        assertTrue(f.cancelled());
    }

    @Test
    void setExceptionRefusesNullAndCancelledError() {
        Future<String> f = loop.createFuture();
        assertThrows(IllegalArgumentException.class, () -> f.setException(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.setException(new CancelledError()));
        assertTrue(e.getMessage().contains("cancel()"), e.getMessage());
        assertFalse(f.done());
    }

    @Test
    void aFailedFutureGivesBackTheSameExceptionObject() {
        Future<String> f = loop.createFuture();
        IOException failure = new IOException("checked");
        f.setException(failure);

        assertSame(failure, f.exception());
        IOException thrown = assertThrows(IOException.class, f::result);
        assertSame(failure, thrown);
    }

    @Test
    void aSuccessfulFutureHasNoException() {
        Future<String> f = loop.createFuture();
        f.setResult(null);
        assertNull(f.exception());
        assertNull(f.result());
        assertTrue(f.done());
        assertFalse(f.cancelled());
    }

    @Test
    void cancelWithAMessageReachesWhoeverAsksForTheResult() {
        Future<String> f = loop.createFuture();

        assertTrue(f.cancel("no longer needed"));

        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertEquals("no longer needed", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("no longer needed", assertThrows(CancelledError.class, f::exception).getMessage());
    }

    @Test
    void cancelOnADoneFutureReturnsFalseAndChangesNothing() {
        Future<String> finished = loop.createFuture();
        finished.setResult("v");
        Future<String> cancelled = loop.createFuture();
        cancelled.cancel("first");

        assertFalse(finished.cancel());
        assertFalse(cancelled.cancel("second"));

        assertEquals("v", finished.result());
        assertEquals("first", assertThrows(CancelledError.class, cancelled::result).getMessage());
    }

    @Test
    void aCancelledErrorIsNotAnException() {
        // So that catch (Exception e) in a coroutine does not swallow a cancellation.
        assertFalse(Exception.class.isAssignableFrom(CancelledError.class));
        assertFalse(Exception.class.isAssignableFrom(KeyboardInterrupt.class));
    }

    @Test
    void settingAResultFromAnotherThreadWhileTheLoopRunsIsRefused() {
        try (LoopRunner runner = LoopRunner.start("owner")) {
            Future<String> f = runner.loop.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.setResult("x"));
            assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
        }
    }

    @Test
    void toStringSaysTheStateAndStaysShortForAResultThatHoldsTheFutureItself() {
        Future<Object> pending = loop.createFuture();
        Future<Object> plain = loop.createFuture();
        plain.setResult(42);
        Future<Object> selfHolding = loop.createFuture();
        selfHolding.setResult(List.of(selfHolding));

        assertEquals("Future[pending]", pending.toString());
        assertEquals("Future[finished with result 42]", plain.toString());
        assertTrue(selfHolding.toString().length() < 100, selfHolding.toString());
    }

    @Test
    void theFutureKnowsItsLoop() {
        assertSame(loop, loop.createFuture().loop());
    }
}
