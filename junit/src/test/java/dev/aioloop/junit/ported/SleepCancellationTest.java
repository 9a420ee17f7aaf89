package dev.aioloop.junit.ported;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.createTask;
import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.CancelledError;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.TaskObserver;
import dev.aioloop.junit.AsyncioTest;
import dev.aioloop.junit.VirtualTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Cancelling a task while it sleeps, whether its timer is still pending or already due in the same
 * iteration: the cancellation is raised at the sleep, once, and no timer is left behind. A sleep
 * runs on the task's own reusable timer, so these also cover a task sleeping again afterwards.
 * (Formerly core's SleepCancellationTest; on virtual time, a sleep not cut short would show as a jump
 * of the clock, and a timer left behind as a jump at {@code advanceUntilIdle}.)
 */
class SleepCancellationTest {
    private final List<String> log = new ArrayList<>();

    private static void assertNoTimerLeft(Loop loop) {
        double now = loop.time();
        VirtualTime.advanceUntilIdle();
        assertEquals(now, loop.time(), "advanceUntilIdle found a timer");
    }

    @AsyncioTest(virtualTime = true, timeout = 10)
    void cancellingALongSleepWakesTheTaskAtOnceWithTheMessage(Loop loop) {
        double start = loop.time();
        Task<Void> sleeper = createTask(async(() -> {
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("cancelled: " + e.getMessage());
                throw e;
            } finally {
                log.add("finally");
            }
        }));
        loop.callSoon(() -> log.add("cancel returned " + sleeper.cancel("stop sleeping")));

        CancelledError e = assertThrows(CancelledError.class, sleeper::await);

        assertEquals("stop sleeping", e.getMessage());
        assertEquals(List.of("cancel returned true", "cancelled: stop sleeping", "finally"), log);
        assertTrue(sleeper.cancelled());
        assertEquals(start, loop.time(), "woken at once, not at the end of the sleep");
        assertNoTimerLeft(loop);
    }

    @AsyncioTest(virtualTime = true, timeout = 10)
    void aTaskThatCancelledItselfEndsItsNextSleepAtOnce(Loop loop) {
        double start = loop.time();
        Task<Void> sleeper = createTask(async(() -> {
            currentTask().cancel("by itself");
            log.add("still running");
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("cancelled: " + e.getMessage());
                throw e;
            }
        }));

        CancelledError e = assertThrows(CancelledError.class, sleeper::await);

        assertEquals("by itself", e.getMessage());
        assertEquals(List.of("still running", "cancelled: by itself"), log);
        assertEquals(start, loop.time(), "the cancellation was lost: the sleep ran its hour");
        assertNoTimerLeft(loop);
    }

    @AsyncioTest(virtualTime = true, timeout = 10)
    void aTaskThatDeclinesTheCancellationCanSleepAgain(Loop loop) throws Exception {
        double start = loop.time();
        Task<String> sleeper = createTask(() -> {
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("declined");
            }
            return sleep(0.01, "slept again");
        });
        loop.callSoon(() -> sleeper.cancel());

        assertEquals("slept again", sleeper.await());
        assertEquals(List.of("declined"), log);
        assertEquals(0.01, loop.time() - start, 1e-9);
        assertNoTimerLeft(loop);
    }

    @AsyncioTest(virtualTime = true, timeout = 10)
    void cancellingWhenTheTimerIsAlreadyDueRaisesOnceAtTheSleep(Loop loop) {
        int[] resumed = new int[1];
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void resumed(Task<?> task, double time) {
                resumed[0]++;
            }
        });
        Task<Void> sleeper = createTask(async(() -> {
            Task<?> self = currentTask();
            // Armed once the task sleeps, at the same virtual time, so due at the same deadline as the
            // sleep's timer and after it: the sleep's timer has put the task on the ready queue when the
            // cancellation comes, in the same iteration.
            loop.callSoon(() -> loop.callLater(0.01, () -> log.add("cancel returned " + self.cancel("late"))));
            try {
                sleep(0.01);
            } catch (CancelledError e) {
                log.add("cancelled: " + e.getMessage());
                throw e;
            }
        }));

        CancelledError e = assertThrows(CancelledError.class, sleeper::await);

        assertEquals("late", e.getMessage());
        assertEquals(List.of("cancel returned true", "cancelled: late"), log);
        // The test's own task is resumed once too, when the sleeper is done.
        assertEquals(3, resumed[0], "the sleeper's first step and one wake-up, not two");
        assertNoTimerLeft(loop);
    }

    @AsyncioTest(virtualTime = true, timeout = 10)
    void uncancelAfterTheSleepWasCancelledStillEndsTheSleepCancelled(Loop loop) {
        Task<Void> sleeper = createTask(() -> {
            sleep(3600);
            return null;
        });
        loop.callSoon(() -> loop.callSoon(() -> {
            sleeper.cancel("stop sleeping");
            sleeper.uncancel();
        }));

        CancelledError e = assertThrows(CancelledError.class, sleeper::await);

        assertEquals("stop sleeping", e.getMessage());
        assertTrue(sleeper.cancelled());
    }
}
