package dev.aioloop;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupTest extends AbstractLoopTest {

    /** A child that yields {@code steps} times, records its end, and returns {@code value}. */
    private static <T> Coroutine<T> after(int steps, List<String> events, String name, T value) {
        return () -> {
            for (int i = 0; i < steps; i++) {
                sleep(0);
            }
            events.add(name);
            return value;
        };
    }

    private static Coroutine<Void> failing(int steps, Exception failure) {
        return async(() -> {
            for (int i = 0; i < steps; i++) {
                sleep(0);
            }
            throw failure;
        });
    }

    @Test
    void theGroupWaitsForEveryChild() throws Exception {
        List<String> events = new ArrayList<>();
        List<Object> results = run(() -> {
            List<Task<Integer>> tasks = taskGroup((TaskGroup g) -> List.of(
                    g.createTask(after(3, events, "slow", 3)),
                    g.createTask(after(1, events, "fast", 1))));
            events.add("group ended");
            return List.of(tasks.get(0).result(), tasks.get(1).result());
        });
        assertEquals(List.of(3, 1), results);
        assertEquals(List.of("fast", "slow", "group ended"), events);
    }

    @Test
    void theFirstFailureCancelsTheOtherChildrenAndTheBody() {
        List<String> events = new ArrayList<>();
        IOException boom = new IOException("boom");
        List<Task<?>> children = new ArrayList<>();
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> run(() -> taskGroup(g -> {
            children.add(g.createTask(failing(1, boom)));
            children.add(g.createTask(after(100, events, "sibling", null)));
            try {
                sleep(30);
                events.add("body slept");
            } finally {
                events.add("body finally");
            }
            return null;
        })));
        assertEquals(List.of(boom), eg.exceptions());
        assertArrayEquals(new Throwable[] {boom}, eg.getSuppressed());
        assertEquals(List.of("body finally"), events);
        assertTrue(children.get(1).cancelled());
    }

    @Test
    void severalFailuresAreRaisedTogether() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> run(() -> taskGroup(g -> {
            g.createTask(failing(1, first));
            g.createTask(failing(1, second));
            g.createTask(async(() -> {
                try {
                    sleep(30);
                } catch (CancelledError e) {
                    // a child failing during its own cancellation adds to the group
                    throw new ArithmeticException("third");
                }
            }));
            return null;
        })));
        assertEquals(3, eg.exceptions().size());
        assertSame(first, eg.exceptions().get(0));
        assertSame(second, eg.exceptions().get(1));
        assertEquals("third", eg.exceptions().get(2).getMessage());
        assertTrue(eg.getMessage().contains("3 sub-exceptions"), eg.getMessage());
    }

    @Test
    void theBodysFailureCancelsTheChildrenAndJoinsTheGroup() {
        List<Task<?>> children = new ArrayList<>();
        IllegalArgumentException bad = new IllegalArgumentException("body");
        // Typed: a block that always throws fits a body with a result and one without alike.
        ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> run(() -> taskGroup((TaskGroup g) -> {
            children.add(g.createTask(() -> sleep(30, "never")));
            sleep(0);
            throw bad;
        })));
        assertEquals(List.of(bad), eg.exceptions());
        assertTrue(children.get(0).cancelled());
    }

    /** Runs a group that fails with {@code failure}; the caller catches it and must go on uncancelled. */
    private static void assertCallerGoesOnUncancelled(TaskGroup.Body<?> body, String failure) throws Exception {
        String s = run(() -> {
            try {
                taskGroup(body);
            } catch (ExceptionGroup e) {
                assertEquals(failure, e.exceptions().get(0).getMessage());
                assertEquals(0, currentTask().cancelling());
                sleep(0);
                return "went on";
            }
            return "no failure";
        });
        assertEquals("went on", s);
    }

    @Test
    void aCallerCatchingTheGroupGoesOnUncancelled() throws Exception {
        assertCallerGoesOnUncancelled(g -> {
            g.createTask(failing(0, new IOException("x")));
            return sleep(30, "never");
        }, "x");
    }

    @Test
    void aChildFailingWhileTheGroupWaitsLeavesTheTaskUncancelled() throws Exception {
        assertCallerGoesOnUncancelled(g -> {
            g.createTask(failing(2, new IOException("late")));
            g.createTask(() -> sleep(30, "never"));
            return null;   // the body ends first; the failure comes while the group waits
        }, "late");
    }

    @Test
    void aCancellationFromOutsideIsNotSwallowed() throws Exception {
        List<Task<?>> children = new ArrayList<>();
        Task<Object> t = loop.createTask(() -> taskGroup(g -> {
            children.add(g.createTask(() -> sleep(30, "never")));
            return sleep(30, "never");
        }));
        loop.callSoon(() -> loop.callSoon(t::cancel));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertTrue(children.get(0).cancelled());
    }

    @Test
    void aCancellationWhileWaitingForTheChildrenIsNotSwallowed() throws Exception {
        List<String> events = new ArrayList<>();
        Task<Object> t = loop.createTask(() -> taskGroup(g -> {
            g.createTask(async(() -> {
                try {
                    sleep(30);
                } finally {
                    events.add("child cancelled");
                }
            }));
            return null;   // the group now waits for the child
        }));
        loop.callSoon(() -> loop.callSoon(() -> loop.callSoon(t::cancel)));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals(List.of("child cancelled"), events);
    }

    @Test
    void anOutsideCancellationSurvivesTheExceptionGroupAndArrivesAtTheNextAwait() throws Exception {
        Loop loop = newEventLoop();
        try {
            List<String> events = new ArrayList<>();
            Task<String> t = loop.createTask(() -> {
                try {
                    taskGroup(g -> {
                        g.createTask(async(() -> {
                            try {
                                sleep(30);
                            } catch (CancelledError e) {
                                throw new IOException("child failed while cancelled");
                            }
                        }));
                        return sleep(30, "never");
                    });
                } catch (ExceptionGroup e) {
                    events.add("caught " + e.exceptions().get(0).getMessage());
                    events.add("cancelling " + currentTask().cancelling());
                }
                try {
                    sleep(0);
                } catch (CancelledError e) {
                    events.add("cancelled at the next await");
                    throw e;
                }
                return "went on";
            });
            loop.callSoon(() -> loop.callSoon(t::cancel));

            assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));

            assertEquals(List.of("caught child failed while cancelled", "cancelling 1", "cancelled at the next await"),
                    events);
            assertTrue(t.cancelled());
        } finally {
            loop.close();
        }
    }

    @Test
    void aGroupShuttingDownTakesNoNewChildren() {
        List<String> events = new ArrayList<>();
        assertThrows(ExceptionGroup.class, () -> run(() -> taskGroup(g -> {
            g.createTask(failing(0, new IOException("x")));
            try {
                sleep(30);
            } catch (CancelledError e) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> g.createTask(() -> null));
                events.add(refused.getMessage());
                throw e;
            }
            return null;
        })));
        assertEquals(1, events.size());
        assertTrue(events.get(0).contains("shutting down"), events.get(0));
    }

    @Test
    void aFinishedGroupTakesNoNewChildren() throws Exception {
        run(() -> {
            TaskGroup[] group = new TaskGroup[1];
            taskGroup(g -> {
                group[0] = g;
                return null;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> group[0].createTask(() -> null));
            assertTrue(e.getMessage().contains("finished"), e.getMessage());
            return null;
        });
    }

    @Test
    void aGroupUnderATimeoutIsCancelledAndTheTimeoutRaised() {
        List<Task<?>> children = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> run(() -> timeoutAt(getRunningLoop().time() - 1).run(
                () -> taskGroup(g -> {
                    children.add(g.createTask(() -> sleep(30, "never")));
                    return sleep(30, "never");
                }))));
        assertTrue(children.get(0).cancelled());
    }
}
