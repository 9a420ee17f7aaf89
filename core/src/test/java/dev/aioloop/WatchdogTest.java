package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The blocked-loop watchdog: it names the blocking frame while the block lasts, and is quiet otherwise. */
class WatchdogTest extends AbstractLoopTest {

    /** The culprit: blocks the loop's thread for 1.5 s. */
    static void blockTheLoopThread() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void catchesACallbackBlockingWithItsFrame() throws Exception {
        loop.setBlockedThreshold(0.5);
        assertTrue(Watchdog.running());
        try (CapturedLog captured = captureLoopLog()) {
            loop.callSoon(WatchdogTest::blockTheLoopThread);
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> reports = captured.records.stream()
                    .filter(r -> r.getMessage().startsWith("Event loop blocked for ")).toList();
            // At 0.5 s and 1 s into the block; a third at 1.5 s only if the watchdog's tick won the race.
            assertTrue(reports.size() >= 2 && reports.size() <= 3, reports.stream().map(LogRecord::getMessage).toList().toString());
            LogRecord first = reports.get(0);
            assertEquals(Level.WARNING, first.getLevel());
            String culprit = "at dev.aioloop.WatchdogTest.blockTheLoopThread(WatchdogTest.java:";
            assertTrue(first.getMessage().contains(culprit), first.getMessage());
            assertTrue(first.getMessage().contains("(threshold 0.500) in thread '" + Thread.currentThread().getName() + "'"),
                    first.getMessage());
            // The loop thread's whole stack, taken while it blocked: Thread.sleep inside the culprit.
            List<String> stack = Arrays.stream(first.getThrown().getStackTrace())
                    .map(f -> f.getClassName() + "." + f.getMethodName()).toList();
            assertTrue(stack.contains("java.lang.Thread.sleep"), stack.toString());
            assertTrue(stack.stream().anyMatch(f -> f.contains("WatchdogTest.blockTheLoopThread")), stack.toString());
            double firstFor = Double.parseDouble(first.getMessage().substring("Event loop blocked for ".length()).split(" ")[0]);
            double secondFor = Double.parseDouble(reports.get(1).getMessage().substring("Event loop blocked for ".length()).split(" ")[0]);
            // A tick is 50 ms here; the bounds leave room for a watchdog thread scheduled late.
            assertTrue(firstFor >= 0.5 && firstFor < 1.5, first.getMessage());
            assertTrue(secondFor >= 1.0 && secondFor > firstFor, reports.get(1).getMessage());
        }
    }

    @Test
    void catchesATaskStepBlockingInsideTheContinuation() throws Exception {
        loop.setBlockedThreshold(0.5);
        try (CapturedLog captured = captureLoopLog()) {
            loop.runUntilComplete(loop.createTask(() -> {
                Asyncio.sleep(0.01);
                blockTheLoopThread();
                return null;
            }, "hog"));
            LogRecord first = captured.records.stream()
                    .filter(r -> r.getMessage().startsWith("Event loop blocked for ")).findFirst().orElseThrow();
            assertTrue(first.getMessage().contains("executing <Task name='hog'>, at dev.aioloop.WatchdogTest.blockTheLoopThread("),
                    first.getMessage());
        }
    }

    @Test
    void saysNothingForALoopThatNeverBlocks() throws Exception {
        loop.setBlockedThreshold(0.2);
        try (CapturedLog captured = captureLoopLog()) {
            loop.runUntilComplete(() -> {
                for (int i = 0; i < 10; i++) {
                    Asyncio.sleep(0.05);
                }
                return null;
            });
            assertEquals(List.of(), captured.records.stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void debugModeBringsTheWatchdogAndItsThreadEndsWithTheLastWatchedLoop() {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Watchdog.running());
        loop.setDebug(true);
        assertTrue(Watchdog.running());
        assertEquals(0, loop.getBlockedThreshold(), "debug mode watches at the default, 1 s");
        loop.close();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Watchdog.running());
        assertFalse(Watchdog.running());
    }
}
