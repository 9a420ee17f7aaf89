package dev.aioloop;

import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** callLater, callAt, TimerHandle and sleep. */
class TimerTest extends AbstractLoopTest {

    private void logAt(double when, String event) {
        loop.callAt(when, () -> log.add(event));
    }

    @Test
    void timersDueAtTheSameTimeFireInTheOrderTheyWereScheduled() {
        double when = loop.time() + 0.02;
        for (int i = 0; i < 20; i++) {
            logAt(when, "t" + i);
        }
        loop.callAt(when, loop::stop);

        loop.runForever();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("t" + i);
        }
        assertEquals(expected, log);
    }

    @Test
    void callLaterAndCallAtFireInDeadlineOrder() {
        double now = loop.time();
        List<TimerHandle> handles = new ArrayList<>();
        handles.add(loop.callLater(0.03, () -> log.add("later 30 ms")));
        handles.add(loop.callAt(now + 0.01, () -> log.add("at 10 ms")));
        handles.add(loop.callLater(0.02, () -> log.add("later 20 ms")));
        handles.add(loop.callAt(now + 0.04, () -> log.add("at 40 ms")));
        handles.add(loop.callLater(0.01, () -> log.add("later 10 ms")));
        // Deadlines, not the order of scheduling, decide; a stalled thread only shifts callLater's.
        List<String> byDeadline = new ArrayList<>(List.of("later 30 ms", "at 10 ms", "later 20 ms", "at 40 ms", "later 10 ms"));
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        order.sort((a, b) -> Double.compare(handles.get(a).when(), handles.get(b).when()));
        List<String> expected = order.stream().map(byDeadline::get).toList();
        double last = handles.stream().mapToDouble(TimerHandle::when).max().orElseThrow();
        loop.callAt(last, loop::stop);

        loop.runForever();

        assertEquals(expected, log);
    }

    @Test
    void aTimerNeverFiresBeforeItsDeadline() {
        double before = loop.time();
        TimerHandle h = loop.callLater(0.03, () -> log.add("fired at " + loop.time()));
        double after = loop.time();
        loop.callAt(h.when(), loop::stop);

        assertTrue(h.when() >= before + 0.03 - 1e-9 && h.when() <= after + 0.03 + 1e-9,
                "when() " + h.when() + " is not now + 30 ms");

        loop.runForever();
        double firedAt = Double.parseDouble(log.get(0).substring("fired at ".length()));
        assertTrue(firedAt >= h.when() - 1e-9, "fired at " + firedAt + ", due at " + h.when());
    }

    @Test
    void aTimerDueNowRunsAfterTheCallbacksAlreadyReady() {
        loop.callLater(0, () -> log.add("timer"));
        loop.callSoon(() -> log.add("soon"));
        loop.callLater(0, loop::stop);

        loop.runForever();

        assertEquals(List.of("soon", "timer"), log);
    }

    @Test
    void deadlinesInThePastFireAtTheNextIteration() {
        logAt(loop.time() - 10, "ten seconds ago");
        logAt(Double.NEGATIVE_INFINITY, "the beginning of time");
        loop.callLater(-5, () -> log.add("negative delay"));
        loop.callLater(0.01, loop::stop);

        loop.runForever();

        assertEquals(List.of("the beginning of time", "ten seconds ago", "negative delay"), log);
    }

    @Test
    void aDeadlineAtInfinityNeverFires() {
        TimerHandle never = loop.callLater(Double.POSITIVE_INFINITY, () -> log.add("infinity"));
        loop.callLater(0.01, loop::stop);

        loop.runForever();

        assertEquals(List.of(), log);
        assertFalse(never.cancelled());
    }

    @Test
    void aCancelledTimerNeverRunsAndLeavesTheQueueAtOnce() {
        TimerHandle h = loop.callLater(0.01, () -> log.add("cancelled timer"));
        assertEquals(1, loop.pendingTimers());

        h.cancel();

        assertTrue(h.cancelled());
        assertEquals(0, loop.pendingTimers());
        loop.callLater(0.02, loop::stop);
        loop.runForever();
        assertEquals(List.of(), log);
    }

    @Test
    void aTimerCancelledByAnEarlierCallbackOfTheSameIterationDoesNotRun() {
        double when = loop.time() + 0.01;
        TimerHandle[] victim = new TimerHandle[1];
        loop.callAt(when, () -> victim[0].cancel());
        victim[0] = loop.callAt(when, () -> log.add("victim"));
        loop.callAt(when, () -> log.add("survivor"));
        loop.callAt(when, loop::stop);

        loop.runForever();

        assertEquals(List.of("survivor"), log);
    }

    @Test
    void cancellingATimerTwiceOrAfterItRanIsHarmless() {
        TimerHandle h = loop.callLater(0, () -> log.add("ran"));
        loop.callLater(0, loop::stop);
        loop.runForever();

        h.cancel();
        h.cancel();

        assertEquals(List.of("ran"), log);
        assertTrue(h.cancelled());
    }

    @Test
    void aCancelledCallSoonHandleDoesNotRun() {
        Handle h = loop.callSoon(() -> log.add("cancelled"));
        loop.callSoon(() -> log.add("kept"));
        h.cancel();
        loop.stop();

        loop.runForever();

        assertEquals(List.of("kept"), log);
    }

    @Test
    void nanIsRefusedWithAMessage() {
        IllegalArgumentException later = assertThrows(IllegalArgumentException.class,
                () -> loop.callLater(Double.NaN, () -> log.add("callLater(NaN)")));
        IllegalArgumentException at = assertThrows(IllegalArgumentException.class,
                () -> loop.callAt(Double.NaN, () -> log.add("callAt(NaN)")));
        assertTrue(later.getMessage().contains("NaN"), later.getMessage());
        assertTrue(at.getMessage().contains("NaN"), at.getMessage());

        loop.callLater(0.01, loop::stop);
        loop.runForever();

        assertEquals(List.of(), log, "a refused timer was scheduled all the same");
    }

    @Test
    void sleepNanIsRefusedInsideTheTask() throws Exception {
        String message = loop.runUntilComplete(() -> {
            try {
                sleep(Double.NaN);
                return "slept";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        assertTrue(message.contains("NaN"), message);
    }

    @Test
    void sleepZeroLetsTheOtherReadyTasksRunOnce() throws Exception {
        Task<Void> a = loop.createTask(Asyncio.async(() -> {
            log.add("a1");
            sleep(0);
            log.add("a2");
        }));
        Task<Void> b = loop.createTask(Asyncio.async(() -> {
            log.add("b1");
            sleep(0);
            log.add("b2");
        }));

        loop.runUntilComplete(Asyncio.gather(a, b));

        assertEquals(List.of("a1", "b1", "a2", "b2"), log);
    }

    @Test
    void sleepReturnsTheGivenResult() throws Exception {
        assertEquals("later", loop.runUntilComplete(() -> sleep(0.01, "later")));
        assertEquals("now", loop.runUntilComplete(() -> sleep(0, "now")));
    }

    @Test
    void sleepSuspendsForAtLeastTheDelay() throws Exception {
        double slept = loop.runUntilComplete(() -> {
            double start = loop.time();
            sleep(0.03);
            return loop.time() - start;
        });
        assertTrue(slept >= 0.03 - 1e-9, "slept " + slept + " s");
    }

    @Test
    void sleepTakesADuration() throws Exception {
        double slept = loop.runUntilComplete(() -> {
            double start = loop.time();
            sleep(Duration.ofMillis(30));
            return loop.time() - start;
        });
        assertTrue(slept >= 0.03 - 1e-9, "slept " + slept + " s");
    }

    @Test
    void aSleepForAnEnormousDurationIsJustLongAndCancellable() throws Exception {
        Task<Void> sleeper = loop.createTask(() -> {
            sleep(Duration.ofSeconds(Long.MAX_VALUE));
            return null;
        });
        loop.callLater(0.01, sleeper::cancel);

        assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));
        assertTrue(sleeper.cancelled());
    }

    @Test
    void sleepNullDurationIsRefusedWithAMessage() throws Exception {
        String message = loop.runUntilComplete(() -> {
            try {
                sleep((Duration) null);
                return "slept";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        assertTrue(message.contains("Duration"), message);
    }

    @Test
    void sleepingTasksWakeInDeadlineOrder() throws Exception {
        Task<Void> slow = loop.createTask(Asyncio.async(() -> {
            sleep(0.3);
            log.add("slow");
        }));
        Task<Void> fast = loop.createTask(Asyncio.async(() -> {
            sleep(0.01);
            log.add("fast");
        }));

        loop.runUntilComplete(Asyncio.gather(slow, fast));

        assertEquals(List.of("fast", "slow"), log);
    }

    @Test
    void sleepOutsideATaskIsRefusedNamingWhereToCallIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sleep(0.01));
        assertTrue(e.getMessage().startsWith("sleep() must be called inside a task"), e.getMessage());
    }

    @Test
    void aFinishedSleepLeavesNoTimerBehind() throws Exception {
        loop.runUntilComplete(Asyncio.async(() -> sleep(0.01)));
        assertEquals(0, loop.pendingTimers());
    }
}
