package dev.aioloop;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a task meets a cancellation. */
class TaskCancellationTest extends AbstractLoopTest {

    /** Runs until {@code task} is done, whatever its outcome. */
    private void runUntilDone(Task<?> task) throws Exception {
        loop.runUntilComplete(Asyncio.gather(true, task));
    }

    @Test
    void cancelledBeforeItsFirstStepTheBodyNeverRuns() throws Exception {
        Task<Void> task = loop.createTask(async(() -> log.add("body ran")));

        assertTrue(task.cancel());
        runUntilDone(task);

        assertTrue(task.cancelled());
        assertEquals(List.of(), log);
        assertTrue(loop.liveTasks().isEmpty());
    }

    @Test
    void cancelledAtAnAwaitItGetsCancelledErrorThereAndItsFinallyRuns() throws Exception {
        Future<String> awaited = loop.createFuture();
        Task<Void> task = loop.createTask(async(() -> {
            try {
                log.add("awaiting");
                await(awaited);
                log.add("after the await");
            } catch (CancelledError e) {
                log.add("CancelledError at the await");
                throw e;
            } finally {
                log.add("finally");
            }
        }));
        loop.callSoon(() -> log.add("cancel returned " + task.cancel()));

        runUntilDone(task);

        assertEquals(List.of("awaiting", "cancel returned true", "CancelledError at the await", "finally"), log);
        assertTrue(task.cancelled());
        assertTrue(awaited.cancelled(), "the awaited future is cancelled with the task");
    }

    @Test
    void cancelledDuringASleepTheSleepsTimerIsRemoved() throws Exception {
        Task<Void> task = loop.createTask(async(() -> {
            try {
                sleep(3600);
            } finally {
                log.add("finally");
            }
        }));
        loop.callSoon(task::cancel);

        runUntilDone(task);

        assertTrue(task.cancelled());
        assertEquals(List.of("finally"), log);
        assertEquals(0, loop.pendingTimers(), "the hour-long sleep left its timer behind");
    }

    @Test
    void aBodyThatCatchesTheCancellationAndReturnsIsNotCancelled() throws Exception {
        Task<String> task = loop.createTask(() -> {
            try {
                sleep(3600);
                return "slept";
            } catch (CancelledError e) {
                sleep(0);
                return "declined";
            }
        });
        loop.callSoon(task::cancel);

        runUntilDone(task);

        assertFalse(task.cancelled());
        assertEquals("declined", task.result());
    }

    @Test
    void catchExceptionDoesNotSwallowACancellation() throws Exception {
        Task<Void> task = loop.createTask(async(() -> {
            try {
                sleep(3600);
            } catch (Exception e) {
                log.add("swallowed");
            }
        }));
        loop.callSoon(task::cancel);

        runUntilDone(task);

        assertTrue(task.cancelled());
        assertEquals(List.of(), log);
    }

    @Test
    void theCancelMessageReachesTheAwaitAndTheTasksResult() throws Exception {
        Task<Void> task = loop.createTask(async(() -> {
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("at the await: " + e.getMessage());
                throw e;
            }
        }));
        loop.callSoon(() -> task.cancel("shutting down"));

        runUntilDone(task);

        assertEquals(List.of("at the await: shutting down"), log);
        assertEquals("shutting down", assertThrows(CancelledError.class, task::result).getMessage());
    }

    @Test
    void theCancelMessageOfATaskCancelledBeforeItsFirstStep() throws Exception {
        Task<Void> task = loop.createTask(async(() -> log.add("body ran")));
        task.cancel("never started");

        runUntilDone(task);

        assertEquals("never started", assertThrows(CancelledError.class, task::result).getMessage());
    }

    @Test
    void cancelOnADoneTaskReturnsFalse() throws Exception {
        Task<String> task = loop.createTask(() -> "done");
        runUntilDone(task);

        assertFalse(task.cancel());
        assertFalse(task.cancelled());
        assertEquals("done", task.result());
    }

    @Test
    void cancellingATaskCancelsTheTaskItAwaits() throws Exception {
        Task<Void> inner = loop.createTask(async(() -> {
            try {
                sleep(3600);
            } finally {
                log.add("inner finally");
            }
        }));
        Task<Void> outer = loop.createTask(async(() -> {
            try {
                await(inner);
            } finally {
                log.add("outer finally");
            }
        }));
        loop.callSoon(outer::cancel);

        runUntilDone(outer);

        assertTrue(outer.cancelled());
        assertTrue(inner.cancelled());
        assertEquals(List.of("inner finally", "outer finally"), log);
    }

    @Test
    void aTaskThatCancelsItselfGetsCancelledErrorAtItsNextAwait() throws Exception {
        Future<String> neverSet = loop.createFuture();
        Task<Void> task = loop.createTask(async(() -> {
            currentTask().cancel("self");
            try {
                await(neverSet);
                log.add("the await returned");
            } catch (CancelledError e) {
                log.add("CancelledError: " + e.getMessage());
                throw e;
            }
        }));

        runUntilDone(task);

        assertEquals(List.of("CancelledError: self"), log);
        assertTrue(task.cancelled());
        assertTrue(neverSet.cancelled());
    }

    @Test
    void aTaskCancelledAfterItsLastAwaitEndsCancelled() throws Exception {
        Task<String> task = loop.createTask(() -> {
            currentTask().cancel();
            return "value";
        });

        runUntilDone(task);

        assertTrue(task.cancelled());
    }

    @Test
    void aTaskCancelledWhileItsFutureIsDoneButBeforeItResumesGetsCancelledError() throws Exception {
        Future<String> awaited = loop.createFuture();
        Task<String> task = loop.createTask(() -> {
            try {
                return await(awaited);
            } catch (CancelledError e) {
                log.add("CancelledError");
                throw e;
            }
        });
        loop.callSoon(() -> {
            awaited.setResult("v");
            task.cancel();
        });

        runUntilDone(task);

        assertEquals(List.of("CancelledError"), log);
        assertTrue(task.cancelled());
        assertEquals("v", awaited.result());
    }

    @Test
    void aTaskCancelledAtSleepZeroGetsCancelledErrorThere() throws Exception {
        Task<Void> task = loop.createTask(async(() -> {
            try {
                sleep(0);
                log.add("after sleep(0)");
            } catch (CancelledError e) {
                log.add("CancelledError at sleep(0)");
                throw e;
            }
        }));
        loop.callSoon(task::cancel);

        runUntilDone(task);

        assertEquals(List.of("CancelledError at sleep(0)"), log);
        assertTrue(task.cancelled());
    }

    @Test
    void theDoneCallbacksOfACancelledTaskAreScheduled() throws Exception {
        Task<Void> task = loop.createTask(async(() -> sleep(3600)));
        task.addDoneCallback(t -> log.add("cancelled=" + t.cancelled()));
        loop.callSoon(() -> {
            task.cancel();
            log.add("right after cancel");
        });

        runUntilDone(task);
        loop.stop();
        loop.runForever();

        assertEquals(List.of("right after cancel", "cancelled=true"), log);
    }

    @Test
    void awaitingACancelledTaskRaisesCancelledErrorInTheAwaiter() throws Exception {
        Task<Void> victim = loop.createTask(async(() -> sleep(3600)));
        loop.callSoon(() -> victim.cancel("victim cancelled"));

        String message = loop.runUntilComplete(() -> {
            try {
                await(victim);
                return "no error";
            } catch (CancelledError e) {
                return e.getMessage();
            }
        });

        assertEquals("victim cancelled", message);
    }

    @Test
    void runUntilCompleteOfACancelledTaskThrowsCancelledError() {
        Task<Void> task = loop.createTask(async(() -> sleep(3600)));
        loop.callSoon(task::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    }
}
