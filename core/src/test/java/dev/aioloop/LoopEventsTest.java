package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The JFR events, as a recording stream in the same JVM receives them. */
class LoopEventsTest extends AbstractLoopTest {

    @Test
    void slowCallbacksTaskStepsAndBlocksArriveInARecording() throws Exception {
        // The listener on the recorder comes with the first loop's set-up, on a thread of its own.
        LiveLoops.awaitSetUp();
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (RecordingStream rs = new RecordingStream(); CapturedLog captured = captureLoopLog()) {
            rs.enable("dev.aioloop.SlowCallback").withThreshold(Duration.ofMillis(50));
            rs.enable("dev.aioloop.TaskStep");
            rs.enable("dev.aioloop.LoopBlocked");
            rs.onEvent(events::add);
            rs.startAsync();
            // The recorder's news reaches the loop as a callback: one short run takes it in.
            loop.runUntilComplete(() -> Asyncio.sleep(0.001, null));
            assertTrue(loop.diagnosing, "a running recording puts the loop on the measured path");
            loop.setBlockedThreshold(0.2);
            loop.callSoon(() -> DebugModeTest.holdTheLoop(500));
            loop.runUntilComplete(loop.createTask(DebugModeTest::slowStep, "jfr-task"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    has(events, "dev.aioloop.SlowCallback", "task", "jfr-task")
                    && has(events, "dev.aioloop.TaskStep", "task", "jfr-task")
                    && events.stream().anyMatch(e -> e.getEventType().getName().equals("dev.aioloop.LoopBlocked")));
            RecordedEvent slow = events.stream().filter(e -> e.getEventType().getName().equals("dev.aioloop.SlowCallback")
                    && "jfr-task".equals(e.getString("task"))).findFirst().orElseThrow();
            assertTrue(slow.getDuration().toMillis() >= 80, slow.toString());
            assertTrue(slow.getThread().getJavaName().equals(Thread.currentThread().getName()), slow.toString());
            assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("dev.aioloop.SlowCallback")
                    && e.getString("callback") != null && e.getString("callback").startsWith("Handle[")), events.toString());
            RecordedEvent blocked = events.stream().filter(e -> e.getEventType().getName().equals("dev.aioloop.LoopBlocked"))
                    .findFirst().orElseThrow();
            assertTrue(blocked.getString("stack").contains("at dev.aioloop.DebugModeTest.holdTheLoop("), blocked.toString());
            assertTrue(blocked.getDuration("blockedFor").toMillis() >= 200, blocked.toString());
            assertTrue(captured.records.stream().anyMatch(r -> r.getMessage().startsWith("Event loop blocked for ")));
        }
        loop.setBlockedThreshold(0);
        // Recording over: the loop goes back to the plain iteration once it runs again.
        // Polled on this thread: the loop belongs to it.
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            loop.runUntilComplete(() -> Asyncio.sleep(0.001, null));
            return !loop.diagnosing;
        });
        assertFalse(loop.diagnosing);
    }

    private static boolean has(List<RecordedEvent> events, String type, String field, String value) {
        return events.stream().anyMatch(e -> e.getEventType().getName().equals(type) && value.equals(e.getString(field)));
    }
}
