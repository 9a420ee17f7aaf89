package dev.aioloop;

import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A cancellation reaches a sleep as it reaches asyncio's sleep future: at once, and for good. */
class CancelledSleepTest extends AbstractLoopTest {
    @Test
    void aTaskThatCancelsItselfEndsItsNextSleepAtOnce() {
        Task<Double> task = loop.createTask(() -> {
            double start = loop.time();
            currentTask().cancel("self");
            try {
                sleep(60);
            } catch (CancelledError e) {
                log.add("cancelled: " + e.getMessage());
            }
            return loop.time() - start;
        });
        loop.callLater(10, loop::stop);

        double slept = assertDoesNotTimeOut(task);

        assertEquals(java.util.List.of("cancelled: self"), log);
        assertTrue(slept < 5, "the sleep should end at the next turn, not after " + slept + " s");
    }

    @Test
    void uncancelAfterTheSleepWasCancelledStillEndsTheSleepCancelled() {
        Task<Void> task = loop.createTask(() -> {
            sleep(60);
            return null;
        });
        loop.callSoon(() -> loop.callSoon(() -> {
            task.cancel("stop sleeping");
            task.uncancel();
        }));
        loop.callLater(10, loop::stop);

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        assertEquals("stop sleeping", e.getMessage());
        assertTrue(task.cancelled());
    }

    private double assertDoesNotTimeOut(Task<Double> task) {
        try {
            return loop.runUntilComplete(task);
        } catch (Exception e) {
            throw new AssertionError("the task did not finish before the loop's 10 s guard", e);
        }
    }
}
