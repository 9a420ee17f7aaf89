package dev.aioloop.junit.ported;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.aioloop.CancelledError;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.Timeout;
import dev.aioloop.TimeoutError;
import dev.aioloop.junit.AsyncioTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Core's timeout scopes and waitFor, each test a task of its own loop (formerly core's TimeoutTest). */
class TimeoutTest {

    @AsyncioTest
    void expiryCancelsTheBodyAndRaisesTimeoutError() {
        List<String> events = new ArrayList<>();
        Timeout scope = timeout(0.01);
        TimeoutError e = assertThrows(TimeoutError.class, () -> scope.run(() -> {
            try {
                sleep(30);
                events.add("slept");
            } finally {
                events.add("finally");
            }
            return "never";
        }));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("finally"), events);
        assertTrue(scope.expired());
    }

    @AsyncioTest
    void aBodyThatFinishesInTimeKeepsItsValueAndDisarmsTheTimer() throws Exception {
        Timeout t = timeout(0.01);
        assertEquals("done", t.run(() -> sleep(0, "done")));
        // Past the deadline: a timer left armed would cancel the task during this sleep.
        sleep(0.05);
        assertFalse(t.expired());
    }

    @AsyncioTest
    void aPastDeadlineExpiresAtTheFirstAwait(Loop loop) {
        List<String> events = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> timeoutAt(loop.time() - 1).run(() -> {
            events.add("entered");
            sleep(0);
            events.add("after await");
            return null;
        }));
        assertEquals(List.of("entered"), events);
    }

    @AsyncioTest
    void aCancellationFromOutsideStaysACancellation(Loop loop) {
        Task<Object> t = createTask(() -> timeout(30, () -> sleep(30, "never")));
        loop.callSoon(() -> loop.callSoon(t::cancel));
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.cancelled());
    }

    @AsyncioTest
    void anOutsideCancellationAtTheSameTimeAsTheExpiryWins(Loop loop) {
        Task<Object> t = createTask(() -> {
            Task<?> self = currentTask();
            return timeoutAt(loop.time() - 1).run(() -> {
                // The expiry is scheduled (callSoon) before this one: both land in the same step.
                loop.callSoon(self::cancel);
                return sleep(30, "never");
            });
        });
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.cancelled());
    }

    @AsyncioTest
    void aBodyThatDeclinesTheCancellationKeepsItsValueAndTheTaskGoesOn(Loop loop) throws Exception {
        Timeout t = timeoutAt(loop.time() - 1);
        String v = t.run(() -> {
            try {
                sleep(30);
            } catch (CancelledError e) {
                return "declined";
            }
            return "slept";
        });
        assertEquals("declined", v);
        assertTrue(t.expired());
        assertEquals(0, currentTask().cancelling());
        sleep(0);   // no cancellation is left pending on the task
    }

    @AsyncioTest
    void anotherFailureAfterTheExpiryIsKept(Loop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> timeoutAt(loop.time() - 1).run(() -> {
            try {
                sleep(30);
            } catch (CancelledError c) {
                throw new IllegalStateException("cleanup failed");
            }
            return null;
        }));
        assertEquals("cleanup failed", e.getMessage());
    }

    @AsyncioTest
    void anInnerScopeExpiringIsCaughtInsideTheOuterOne(Loop loop) throws Exception {
        String s = timeout(30, () -> {
            try {
                timeoutAt(loop.time() - 1).run(() -> sleep(30, "inner"));
                return "inner finished";
            } catch (TimeoutError e) {
                sleep(0);   // the outer scope and the task are not cancelled
                return "inner timed out";
            }
        });
        assertEquals("inner timed out", s);
    }

    @AsyncioTest
    void anOuterScopeExpiringPassesThroughTheInnerOne(Loop loop) {
        Timeout outer = timeoutAt(loop.time() - 1);
        Timeout inner = timeout(30);
        assertThrows(TimeoutError.class, () -> outer.run(() -> inner.run(() -> sleep(30, "never"))));
        assertTrue(outer.expired());
        assertFalse(inner.expired());
    }

    @AsyncioTest
    void bothScopesExpiringAtOnceRaiseTimeoutErrorFromEach(Loop loop) {
        List<String> events = new ArrayList<>();
        double past = loop.time() - 1;
        assertThrows(TimeoutError.class, () -> timeoutAt(past).run(() -> {
            try {
                return timeoutAt(past).run(() -> sleep(30, "never"));
            } catch (TimeoutError e) {
                events.add("inner timed out");
                sleep(0);   // the outer cancellation is still due
                events.add("unreachable");
                return null;
            }
        }));
        // Both expiries cancel the task once; the inner scope sees one request more than it made, so
        // it leaves the CancelledError to the outer scope.
        assertEquals(List.of(), events);
    }

    @AsyncioTest
    void rescheduleExtendsAndShortensTheDeadline(Loop loop) {
        List<String> events = new ArrayList<>();
        Timeout t = timeoutAt(loop.time() - 1);
        assertThrows(TimeoutError.class, () -> t.run(() -> {
            t.reschedule(Double.POSITIVE_INFINITY);   // disarm before the past deadline fires
            sleep(0);
            sleep(0);
            events.add("survived the first deadline");
            t.reschedule(loop.time() - 1);
            try {
                sleep(30);
            } catch (CancelledError e) {
                assertThrows(IllegalStateException.class, () -> t.reschedule(0));
                events.add("expired");
                throw e;
            }
            return "slept";
        }));
        assertEquals(List.of("survived the first deadline", "expired"), events);
    }

    @AsyncioTest
    void rescheduleOutsideTheBlockIsRefused() throws Exception {
        Timeout t = timeout(30);
        assertThrows(IllegalStateException.class, () -> t.reschedule(1));
        t.run(() -> null);
        assertThrows(IllegalStateException.class, () -> t.reschedule(1));
        assertThrows(IllegalStateException.class, () -> t.run(() -> null));
    }

    @Test
    void aTimeoutOutsideATaskIsRefused() {
        Timeout t = timeoutAt(1);
        assertThrows(IllegalStateException.class, () -> t.run(() -> null));
        assertThrows(IllegalArgumentException.class, () -> timeoutAt(Double.NaN));
    }

    // ---- waitFor ----

    @AsyncioTest
    void waitForZeroOnACancelledFutureRaisesItsCancellationNotTimeout(Loop loop) {
        Future<String> cancelled = loop.createFuture();
        cancelled.cancel("gone");
        CancelledError e = assertThrows(CancelledError.class, () -> waitFor(cancelled, 0));
        assertEquals("gone", e.getMessage());
    }

    @AsyncioTest
    void waitForWithNaNIsRefusedAndCancelsNothing(Loop loop) {
        Future<String> inner = loop.createFuture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> waitFor(inner, Double.NaN));
        assertTrue(e.getMessage().contains("number of seconds"), e.getMessage());
        assertFalse(inner.done());
    }

    @AsyncioTest
    void waitForReturnsTheResultWhenInTime() throws Exception {
        assertEquals("ok", waitFor(() -> sleep(0, "ok"), 30));
    }

    @AsyncioTest
    void waitForCancelsTheInnerTaskOnExpiryAndWaitsForIt() {
        List<String> events = new ArrayList<>();
        Task<Void> inner = createTask(async(() -> {
            try {
                sleep(30);
            } finally {
                sleep(0);   // the cleanup takes a step; waitFor waits for it
                events.add("inner cleaned up");
            }
        }));
        assertThrows(TimeoutError.class, () -> {
            try {
                waitFor(inner, 0.01);
            } finally {
                events.add("waitFor returned");
            }
        });
        assertTrue(inner.cancelled());
        assertEquals(List.of("inner cleaned up", "waitFor returned"), events);
    }

    @AsyncioTest
    void theInnerResultWinsWhenItDeclinesTheCancellation() throws Exception {
        Task<String> inner = createTask(() -> {
            try {
                return sleep(30, "slept");
            } catch (CancelledError e) {
                return "declined";
            }
        });
        assertEquals("declined", waitFor(inner, 0.01));
    }

    @AsyncioTest
    void waitForWithNoTimeCancelsAPendingFutureAndTakesADoneOne(Loop loop) throws Exception {
        Future<String> done = loop.createFuture();
        done.setResult("ready");
        assertEquals("ready", waitFor(done, 0));
        Task<String> pending = createTask(() -> sleep(30, "never"));
        TimeoutError e = assertThrows(TimeoutError.class, () -> waitFor(pending, 0));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertTrue(pending.cancelled());
    }
}
