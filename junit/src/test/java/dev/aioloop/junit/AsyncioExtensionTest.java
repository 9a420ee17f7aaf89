package dev.aioloop.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aioloop.Loop;
import dev.aioloop.junit.samples.Samples;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The extension's behaviours, each shown by running a sample test class through JUnit's EngineTestKit. */
class AsyncioExtensionTest {

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    /** The failure of the one test the sample holds, which must have failed. */
    private static Throwable failureOf(Events events) {
        events.assertStatistics(s -> s.started(1).failed(1));
        return events.failed().list().getFirst().getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    private static Duration durationOf(Events events) {
        Event started = events.started().list().getFirst();
        Event finished = events.finished().list().getFirst();
        return Duration.between(started.getTimestamp(), finished.getTimestamp());
    }

    @Test
    void aTestThatSleepsAndAwaitsPassesOnALoopOfItsOwnThatIsClosedAfter() {
        run(Samples.Passing.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertTrue(Samples.Passing.seen.isClosed());
    }

    @Test
    void aBackgroundTaskThatFailsUnseenFailsTheTestNamingTheTask() {
        Throwable failure = failureOf(run(Samples.BackgroundFailure.class));
        assertInstanceOf(AssertionFailedError.class, failure);
        assertTrue(failure.getMessage().contains("Task exception was never retrieved: doomed-worker"), failure.getMessage());
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals("boom in the background", failure.getCause().getMessage());
    }

    @Test
    void aThrowingCallbackIsTheCauseAndALaterFailureIsSuppressed() {
        Throwable failure = failureOf(run(Samples.ThrowingCallback.class));
        assertTrue(failure.getMessage().startsWith("2 errors reached the loop's exception handler"), failure.getMessage());
        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertEquals(1, failure.getSuppressed().length);
        Throwable second = failure.getSuppressed()[0];
        assertTrue(second.getMessage().contains("never retrieved: second"), second.getMessage());
        assertInstanceOf(UnsupportedOperationException.class, second.getCause());
    }

    @Test
    void aLeftoverTaskIsCancelledAndItsFinallyBlockRunsToTheEnd() {
        run(Samples.Leftover.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertTrue(Samples.Leftover.left.cancelled());
        assertEquals(List.of("finally", "awaited in finally"), Samples.Leftover.events);
    }

    @Test
    void beforeEachTestAndAfterEachRunOnTheSameLoop() {
        run(Samples.BeforeAndAfterEach.class).assertStatistics(s -> s.started(1).succeeded(1));
        List<Loop> loops = Samples.BeforeAndAfterEach.loops;
        assertEquals(3, loops.size());
        assertSame(loops.get(0), loops.get(1));
        assertSame(loops.get(0), loops.get(2));
        assertFalse(Samples.BeforeAndAfterEach.closedInTearDown);
        assertTrue(loops.get(0).isClosed());
    }

    /** The message of the sample's timeout, which must have come within its 1 s and one more. */
    private static String timeoutOf(Class<?> sample) {
        Events events = run(sample);
        Throwable failure = failureOf(events);
        assertInstanceOf(TimeoutException.class, failure);
        Duration took = durationOf(events);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, took::toString);
        return failure.getMessage();
    }

    @Test
    void aTestAwaitingAFutureNobodyCompletesTimesOutListingTheTasks() {
        String msg = timeoutOf(Samples.NeverCompleted.class);
        assertTrue(msg.startsWith("awaitsForever() timed out after 1.000 s; the tasks of its loop:"), msg);
        assertTrue(msg.contains("@Test awaitsForever(): waiting, suspended at an await"), msg);
        assertTrue(msg.contains("sleeper: waiting, suspended at an await"), msg);
    }

    @Test
    void aCallbackBlockingTheLoopsThreadTimesOutWithItsStackAndTheTasks() {
        String msg = timeoutOf(Samples.BlockedLoop.class);
        assertTrue(msg.startsWith("blocksTheLoop() timed out after 1.000 s; its loop's thread is blocked, in a callback:"), msg);
        assertTrue(msg.contains("at dev.aioloop.junit.samples.Samples$BlockedLoop.block"), msg);
        assertTrue(msg.contains("bystander: waiting, suspended at an await"), msg);
        // Interrupted, the callback returns, and the loop's thread finishes the shutdown on its own.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Samples.BlockedLoop.seen.isClosed());
        assertTrue(Samples.BlockedLoop.interrupted);
    }

    @Test
    void virtualTimeControlsOnARealTimeLoopAreRefusedSayingWhatTheyNeed() {
        Throwable failure = failureOf(run(Samples.VirtualTimeOnRealTime.class));
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().contains("@AsyncioTest(virtualTime = true)"), failure.getMessage());
    }
}
