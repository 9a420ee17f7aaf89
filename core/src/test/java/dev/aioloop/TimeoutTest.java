package dev.aioloop;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutTest extends AbstractLoopTest {

    @Test
    void expiryCancelsTheBodyAndRaisesTimeoutError() throws Exception {
        List<String> events = new ArrayList<>();
        Timeout[] scope = new Timeout[1];
        TimeoutError e = assertThrows(TimeoutError.class, () -> run(() -> {
            scope[0] = timeout(0.01);
            return scope[0].run(() -> {
                try {
                    sleep(30);
                    events.add("slept");
                } finally {
                    events.add("finally");
                }
                return "never";
            });
        }));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("finally"), events);
        assertTrue(scope[0].expired());
    }

    @Test
    void aBodyThatFinishesInTimeKeepsItsValueAndDisarmsTheTimer() throws Exception {
        String s = run(() -> {
            Timeout t = timeout(0.01);
            String v = t.run(() -> {
                sleep(0);
                return "done";
            });
            // Past the deadline: a timer left armed would cancel the task during this sleep.
            sleep(0.05);
            assertFalse(t.expired());
            return v;
        });
        assertEquals("done", s);
    }

    @Test
    void aPastDeadlineExpiresAtTheFirstAwait() throws Exception {
        List<String> events = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> run(() -> timeoutAt(getRunningLoop().time() - 1).run(() -> {
            events.add("entered");
            sleep(0);
            events.add("after await");
            return null;
        })));
        assertEquals(List.of("entered"), events);
    }

    @Test
    void aCancellationFromOutsideStaysACancellation() throws Exception {
        Task<Object> t = loop.createTask(() -> timeout(30, () -> sleep(30, "never")));
        loop.callSoon(() -> loop.callSoon(t::cancel));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
    }

    @Test
    void anOutsideCancellationAtTheSameTimeAsTheExpiryWins() throws Exception {
        Task<?>[] self = new Task<?>[1];
        Task<Object> t = loop.createTask(() -> {
            self[0] = currentTask();
            return timeoutAt(loop.time() - 1).run(() -> {
                // The expiry is scheduled (callSoon) before this one: both land in the same step.
                loop.callSoon(self[0]::cancel);
                return sleep(30, "never");
            });
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
    }

    @Test
    void aBodyThatDeclinesTheCancellationKeepsItsValueAndTheTaskGoesOn() throws Exception {
        String s = run(() -> {
            Timeout t = timeoutAt(getRunningLoop().time() - 1);
            String v = t.run(() -> {
                try {
                    sleep(30);
                } catch (CancelledError e) {
                    return "declined";
                }
                return "slept";
            });
            assertTrue(t.expired());
            assertEquals(0, currentTask().cancelling());
            sleep(0);   // no cancellation is left pending on the task
            return v;
        });
        assertEquals("declined", s);
    }

    @Test
    void anotherFailureAfterTheExpiryIsKept() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(() -> timeoutAt(getRunningLoop().time() - 1).run(() -> {
                    try {
                        sleep(30);
                    } catch (CancelledError c) {
                        throw new IllegalStateException("cleanup failed");
                    }
                    return null;
                })));
        assertEquals("cleanup failed", e.getMessage());
    }

    @Test
    void anInnerScopeExpiringIsCaughtInsideTheOuterOne() throws Exception {
        String s = run(() -> timeout(30, () -> {
            try {
                timeoutAt(getRunningLoop().time() - 1).run(() -> sleep(30, "inner"));
                return "inner finished";
            } catch (TimeoutError e) {
                sleep(0);   // the outer scope and the task are not cancelled
                return "inner timed out";
            }
        }));
        assertEquals("inner timed out", s);
    }

    @Test
    void anOuterScopeExpiringPassesThroughTheInnerOne() {
        Timeout[] inner = new Timeout[1];
        Timeout[] outer = new Timeout[1];
        assertThrows(TimeoutError.class, () -> run(() -> {
            outer[0] = timeoutAt(getRunningLoop().time() - 1);
            return outer[0].run(() -> {
                inner[0] = timeout(30);
                return inner[0].run(() -> sleep(30, "never"));
            });
        }));
        assertTrue(outer[0].expired());
        assertFalse(inner[0].expired());
    }

    @Test
    void bothScopesExpiringAtOnceRaiseTimeoutErrorFromEach() {
        List<String> events = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> run(() -> {
            double past = getRunningLoop().time() - 1;
            return timeoutAt(past).run(() -> {
                try {
                    return timeoutAt(past).run(() -> sleep(30, "never"));
                } catch (TimeoutError e) {
                    events.add("inner timed out");
                    sleep(0);   // the outer cancellation is still due
                    events.add("unreachable");
                    return null;
                }
            });
        }));
        // Both expiries cancel the task once; the inner scope sees one request more than it made, so
        // it leaves the CancelledError to the outer scope.
        assertEquals(List.of(), events);
    }

    @Test
    void rescheduleExtendsAndShortensTheDeadline() {
        List<String> events = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> run(() -> {
            Timeout t = timeoutAt(getRunningLoop().time() - 1);
            return t.run(() -> {
                t.reschedule(Double.POSITIVE_INFINITY);   // disarm before the past deadline fires
                sleep(0);
                sleep(0);
                events.add("survived the first deadline");
                t.reschedule(getRunningLoop().time() - 1);
                try {
                    sleep(30);
                } catch (CancelledError e) {
                    assertThrows(IllegalStateException.class, () -> t.reschedule(0));
                    events.add("expired");
                    throw e;
                }
                return "slept";
            });
        }));
        assertEquals(List.of("survived the first deadline", "expired"), events);
    }

    @Test
    void rescheduleOutsideTheBlockIsRefused() throws Exception {
        run(() -> {
            Timeout t = timeout(30);
            assertThrows(IllegalStateException.class, () -> t.reschedule(1));
            t.run(() -> null);
            assertThrows(IllegalStateException.class, () -> t.reschedule(1));
            assertThrows(IllegalStateException.class, () -> t.run(() -> null));
            return null;
        });
    }

    @Test
    void aTimeoutOutsideATaskIsRefused() {
        Timeout t = timeoutAt(loop.time() + 1);
        assertThrows(IllegalStateException.class, () -> t.run(() -> null));
        assertThrows(IllegalArgumentException.class, () -> timeoutAt(Double.NaN));
    }

    // ---- waitFor ----

    @Test
    void waitForZeroOnACancelledFutureRaisesItsCancellationNotTimeout() throws Exception {
        Future<String> cancelled = loop.createFuture();
        cancelled.cancel("gone");
        Throwable e = loop.runUntilComplete(() -> {
            try {
                waitFor(cancelled, 0);
                return null;
            } catch (CancelledError | TimeoutError raised) {
                return raised;
            }
        });
        assertInstanceOf(CancelledError.class, e);
        assertEquals("gone", e.getMessage());
    }

    @Test
    void waitForWithNaNIsRefusedAndCancelsNothing() throws Exception {
        Future<String> inner = loop.createFuture();
        Exception e = loop.runUntilComplete(() -> {
            try {
                waitFor(inner, Double.NaN);
                return null;
            } catch (IllegalArgumentException refused) {
                return refused;
            }
        });
        assertTrue(e.getMessage().contains("number of seconds"), e.getMessage());
        assertFalse(inner.done());
    }

    @Test
    void waitForReturnsTheResultWhenInTime() throws Exception {
        assertEquals("ok", run(() -> waitFor(() -> sleep(0, "ok"), 30)));
    }

    @Test
    void waitForCancelsTheInnerTaskOnExpiryAndWaitsForIt() throws Exception {
        List<String> events = new ArrayList<>();
        Task<?>[] inner = new Task<?>[1];
        assertThrows(TimeoutError.class, () -> run(() -> {
            inner[0] = createTask(async(() -> {
                try {
                    sleep(30);
                } finally {
                    sleep(0);   // the cleanup takes a step; waitFor waits for it
                    events.add("inner cleaned up");
                }
            }));
            try {
                return waitFor(inner[0], 0.01);
            } finally {
                events.add("waitFor returned");
            }
        }));
        assertTrue(inner[0].cancelled());
        assertEquals(List.of("inner cleaned up", "waitFor returned"), events);
    }

    @Test
    void theInnerResultWinsWhenItDeclinesTheCancellation() throws Exception {
        String s = run(() -> {
            Task<String> inner = createTask(() -> {
                try {
                    return sleep(30, "slept");
                } catch (CancelledError e) {
                    return "declined";
                }
            });
            return waitFor(inner, 0.01);
        });
        assertEquals("declined", s);
    }

    @Test
    void waitForWithNoTimeCancelsAPendingFutureAndTakesADoneOne() throws Exception {
        run(() -> {
            Future<String> done = getRunningLoop().createFuture();
            done.setResult("ready");
            assertEquals("ready", waitFor(done, 0));
            Task<String> pending = createTask(() -> sleep(30, "never"));
            TimeoutError e = assertThrows(TimeoutError.class, () -> waitFor(pending, 0));
            assertInstanceOf(CancelledError.class, e.getCause());
            assertTrue(pending.cancelled());
            return null;
        });
    }
}
