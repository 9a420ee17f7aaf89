package dev.aioloop;

import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.sleep;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a task while it sleeps, whether its timer is still pending or already due in the same
 * iteration: the cancellation is raised at the sleep, once, and no timer is left behind. A sleep
 * runs on the task's own reusable timer, so these also cover a task sleeping again afterwards.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SleepCancellationTest extends AbstractLoopTest {

    @Test
    void cancellingALongSleepWakesTheTaskAtOnceWithTheMessage() {
        Task<Void> sleeper = loop.createTask(Asyncio.async(() -> {
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
        TimerHandle guard = loop.callLater(5, loop::stop);

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));

        assertEquals("stop sleeping", e.getMessage());
        assertEquals(List.of("cancel returned true", "cancelled: stop sleeping", "finally"), log);
        assertTrue(sleeper.cancelled());
        guard.cancel();
        assertEquals(0, loop.pendingTimers());
    }

    @Test
    void aTaskThatCancelledItselfEndsItsNextSleepAtOnce() {
        Task<Void> sleeper = loop.createTask(Asyncio.async(() -> {
            currentTask().cancel("by itself");
            log.add("still running");
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("cancelled: " + e.getMessage());
                throw e;
            }
        }));
        // Were the cancellation lost, the run would stop here and report that the task is not done.
        TimerHandle guard = loop.callLater(5, loop::stop);

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));

        assertEquals("by itself", e.getMessage());
        assertEquals(List.of("still running", "cancelled: by itself"), log);
        guard.cancel();
        assertEquals(0, loop.pendingTimers());
    }

    @Test
    void aTaskThatDeclinesTheCancellationCanSleepAgain() throws Exception {
        Task<String> sleeper = loop.createTask(() -> {
            try {
                sleep(3600);
            } catch (CancelledError e) {
                log.add("declined");
            }
            return sleep(0.01, "slept again");
        });
        loop.callSoon(() -> sleeper.cancel());
        TimerHandle guard = loop.callLater(5, loop::stop);

        assertEquals("slept again", loop.runUntilComplete(sleeper));
        assertEquals(List.of("declined"), log);
        guard.cancel();
        assertEquals(0, loop.pendingTimers());
    }

    @Test
    void cancellingWhenTheTimerIsAlreadyDueRaisesOnceAtTheSleep() {
        int[] resumed = new int[1];
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void resumed(Task<?> task, double time) {
                resumed[0]++;
            }
        });
        Task<Void> sleeper = loop.createTask(Asyncio.async(() -> {
            Task<?> self = currentTask();
            loop.callSoon(() -> {
                // Scheduled once the task sleeps, so due after the sleep's timer; holding the loop's
                // thread until it is due too makes the next iteration run both: the sleep's timer has
                // put the task on the ready queue when the cancellation comes.
                TimerHandle cancel = loop.callLater(0.01, () -> log.add("cancel returned " + self.cancel("late")));
                await().atMost(Duration.ofSeconds(5)).until(() -> loop.time() > cancel.when());
            });
            try {
                sleep(0.01);
            } catch (CancelledError e) {
                log.add("cancelled: " + e.getMessage());
                throw e;
            }
        }));

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));

        assertEquals("late", e.getMessage());
        assertEquals(List.of("cancel returned true", "cancelled: late"), log);
        assertEquals(2, resumed[0], "the first step and one wake-up, not two");
        assertEquals(0, loop.pendingTimers());
    }

    @Test
    void uncancelAfterTheSleepWasCancelledStillEndsTheSleepCancelled() {
        Task<Void> sleeper = loop.createTask(() -> {
            sleep(3600);
            return null;
        });
        loop.callSoon(() -> loop.callSoon(() -> {
            sleeper.cancel("stop sleeping");
            sleeper.uncancel();
        }));
        loop.callLater(5, loop::stop);

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));

        assertEquals("stop sleeping", e.getMessage());
        assertTrue(sleeper.cancelled());
    }
}
