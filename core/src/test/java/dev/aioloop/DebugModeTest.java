package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Debug mode: its switches, slow callbacks and task steps logged as asyncio words them, creation sites. */
class DebugModeTest extends AbstractLoopTest {

    /** Holds the loop's thread: the slow callback under test. */
    static void holdTheLoop(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Void slowStep() {
        holdTheLoop(80);
        Asyncio.sleep(0.01);
        return null;
    }

    @Test
    void switchesHaveAsyncioDefaults() {
        assertFalse(loop.getDebug());
        assertEquals(0.1, loop.getSlowCallbackDuration());
        assertEquals(0, loop.getBlockedThreshold());
        assertFalse(loop.diagnosing, "a loop nobody watches takes the plain iteration");
        loop.setDebug(true);
        assertTrue(loop.getDebug());
        assertTrue(loop.diagnosing);
        loop.setDebug(false);
        assertFalse(loop.diagnosing);
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(-1));
        assertThrows(IllegalArgumentException.class, () -> loop.setBlockedThreshold(Double.NaN));
    }

    @Test
    void systemPropertiesSwitchEveryNewLoop() {
        System.setProperty("aioloop.debug", "true");
        System.setProperty("aioloop.blockedThreshold", "0.25");
        try {
            Loop watched = Asyncio.newEventLoop();
            try {
                assertTrue(watched.getDebug());
                assertEquals(0.25, watched.getBlockedThreshold());
                assertTrue(watched.diagnosing);
            } finally {
                watched.close();
            }
            System.setProperty("aioloop.blockedThreshold", "soon");
            try (CapturedLog captured = captureLoopLog()) {
                Loop refused = Asyncio.newEventLoop();
                refused.close();
                assertEquals(0, refused.getBlockedThreshold());
                assertEquals(List.of("aioloop.blockedThreshold=soon is not a number of seconds: the watchdog stays off"),
                        captured.records.stream().map(LogRecord::getMessage).toList());
            }
        } finally {
            System.clearProperty("aioloop.debug");
            System.clearProperty("aioloop.blockedThreshold");
        }
        assertFalse(loop.getDebug(), "a loop made before keeps its own setting");
    }

    @Test
    void debugModeLogsASlowCallbackAndASlowTaskStep() throws Exception {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        try (CapturedLog captured = captureLoopLog()) {
            loop.callSoon(() -> holdTheLoop(80));
            loop.runUntilComplete(loop.createTask(DebugModeTest::slowStep, "worker-3"));
            List<String> slow = captured.records.stream()
                    .filter(r -> r.getLevel() == Level.WARNING)
                    .map(LogRecord::getMessage).filter(m -> m.startsWith("Executing ")).toList();
            assertEquals(2, slow.size(), slow.toString());
            assertTrue(slow.get(0).matches("Executing <Handle\\[.*\\]> took 0\\.\\d{3} seconds"), slow.get(0));
            String step = slow.get(1);
            assertTrue(step.startsWith("Executing <Task pending name='worker-3' sleeping until "), step);
            // The frame the step ended in (its sleep), and where the task was made: this test.
            assertTrue(step.contains(" at dev.aioloop.DebugModeTest.slowStep(DebugModeTest.java:"), step);
            assertTrue(step.contains(" created at dev.aioloop.DebugModeTest.debugModeLogsASlowCallbackAndASlowTaskStep("), step);
            assertTrue(step.matches(".*> took 0\\.\\d{3} seconds"), step);
        }
    }

    @Test
    void withoutDebugModeNothingIsLogged() throws Exception {
        loop.setSlowCallbackDuration(0.05);
        try (CapturedLog captured = captureLoopLog()) {
            loop.callSoon(() -> holdTheLoop(80));
            loop.runUntilComplete(loop.createTask(DebugModeTest::slowStep, "worker-3"));
            assertEquals(List.of(), captured.records.stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void aQuickCallbackIsNotLogged() throws Exception {
        loop.setDebug(true);
        try (CapturedLog captured = captureLoopLog()) {
            loop.runUntilComplete(() -> {
                Asyncio.sleep(0.01);
                return null;
            });
            assertEquals(List.of(), captured.records.stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void theDumpShowsWhereATaskWasMadeInDebugModeOnly() throws Exception {
        Task<?> plain = loop.createTask(() -> Asyncio.sleep(1, null), "plain");
        loop.setDebug(true);
        Task<?> traced = loop.createTask(() -> Asyncio.sleep(1, null), "traced");
        String dump = loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            return loop.dumpTasks();
        });
        String tracedPart = dump.substring(dump.indexOf("Task 'traced'"));
        String plainPart = dump.substring(dump.indexOf("Task 'plain'"), dump.indexOf("Task 'traced'"));
        assertTrue(tracedPart.contains("created at dev.aioloop.DebugModeTest.theDumpShowsWhereATaskWasMadeInDebugModeOnly("), dump);
        assertFalse(plainPart.contains("created at"), dump);
        plain.cancel();
        traced.cancel();
    }
}
