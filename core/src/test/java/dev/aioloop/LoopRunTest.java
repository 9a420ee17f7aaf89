package dev.aioloop;

import static dev.aioloop.Asyncio.newEventLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Iterations, stop() and the end of runForever / runUntilComplete. */
class LoopRunTest extends AbstractLoopTest {

    @Test
    void anIterationRunsOnlyTheCallbacksReadyWhenItBegan() {
        loop.callSoon(() -> {
            log.add("a");
            loop.callSoon(() -> log.add("scheduled by a"));
        });
        loop.callSoon(() -> {
            log.add("b");
            loop.stop();
        });

        loop.runForever();

        assertEquals(List.of("a", "b"), log);
    }

    @Test
    void stopLetsTheCurrentIterationFinish() {
        loop.callSoon(() -> {
            log.add("stopping");
            loop.stop();
        });
        loop.callSoon(() -> log.add("same iteration"));

        loop.runForever();

        assertEquals(List.of("stopping", "same iteration"), log);
    }

    @Test
    void callbacksScheduledDuringTheLastIterationRunAtTheNextRun() {
        loop.callSoon(() -> {
            loop.stop();
            loop.callSoon(() -> log.add("next run"));
        });
        loop.runForever();
        assertEquals(List.of(), log);

        loop.stop();
        loop.runForever();

        assertEquals(List.of("next run"), log);
    }

    @Test
    void stopBeforeARunMakesItDoOneIterationThenReturn() {
        loop.callSoon(() -> {
            log.add("first");
            loop.callSoon(() -> log.add("second"));
        });

        loop.stop();
        loop.runForever();

        assertEquals(List.of("first"), log);
        assertFalse(loop.isRunning());
    }

    @Test
    void stopBeforeARunOfAnEmptyLoopReturnsAtOnce() {
        loop.stop();
        loop.runForever();
        assertFalse(loop.isRunning());
    }

    @Test
    void aStopIsSpentByTheRunItEnded() {
        loop.callSoon(loop::stop);
        loop.runForever();
        // Were the stop still pending, this run would end after one iteration, before the timer.
        loop.callLater(0.01, () -> {
            log.add("timer");
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("timer"), log);
    }

    @Test
    void isRunningOnlyDuringARun() {
        loop.callSoon(() -> {
            log.add("running=" + loop.isRunning());
            loop.stop();
        });
        assertFalse(loop.isRunning());
        loop.runForever();
        assertFalse(loop.isRunning());
        assertEquals(List.of("running=true"), log);
    }

    @Test
    void runUntilCompleteEndedByStopFirstThrowsAndLeavesTheFuturePending() throws Exception {
        Future<String> future = loop.createFuture();
        loop.callSoon(loop::stop);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(future));

        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        assertFalse(future.done());
        loop.callSoon(() -> future.setResult("later"));
        assertEquals("later", loop.runUntilComplete(future));
    }

    @Test
    void runUntilCompleteReturnsTheResultOfACoroutine() throws Exception {
        assertEquals(42, loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            return 42;
        }));
    }

    @Test
    void runUntilCompleteThrowsTheSameExceptionObject() {
        IllegalArgumentException failure = new IllegalArgumentException("boom");
        Future<String> future = loop.createFuture();
        loop.callSoon(() -> future.setException(failure));

        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(future)));
    }

    @Test
    void runUntilCompleteOfADoneFutureReturnsAfterOneIteration() throws Exception {
        Future<String> future = loop.createFuture();
        future.setResult("ready");
        assertEquals("ready", loop.runUntilComplete(future));
    }

    @Test
    void runUntilCompleteRefusesAFutureOfAnotherLoop() {
        Loop other = newEventLoop();
        try {
            Future<String> foreign = other.createFuture();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(foreign));
            assertTrue(e.getMessage().contains("another loop"), e.getMessage());
        } finally {
            other.close();
        }
    }

    @Test
    void timeIsMonotonicSeconds() {
        double before = loop.time();
        long nanos = System.nanoTime();
        while (System.nanoTime() - nanos < 1_000_000) {
            Thread.onSpinWait();
        }
        double after = loop.time();
        assertTrue(after - before >= 0.001 - 1e-9, "1 ms of spinning is " + (after - before) + " s of loop time");
    }
}
