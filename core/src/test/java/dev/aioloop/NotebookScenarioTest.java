package dev.aioloop;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.getRunningLoop;
import static dev.aioloop.Asyncio.setEventLoop;
import static dev.aioloop.Asyncio.sleep;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notebook's fork, stop and non-empty scenarios (transcripts.md), with a time unit of 50 ms for
 * the notebook's second: the order of the lines is asserted, and each gap is at least what the
 * coroutines slept.
 */
class NotebookScenarioTest extends AbstractLoopTest {
    private static final double U = 0.05;

    private EventLog timeline;

    @BeforeEach
    void makeItTheThreadsLoop() {
        setEventLoop(loop);
        timeline = new EventLog(loop);
    }

    @AfterEach
    void unsetTheThreadsLoop() {
        setEventLoop(null);
    }

    private Coroutine<Void> c2(boolean stopsTheLoop) {
        return async(() -> {
            timeline.add(">>> c2");
            sleep(2 * U);
            timeline.add("<<< c2");
            if (stopsTheLoop) {
                getRunningLoop().stop();
            }
        });
    }

    private Coroutine<Void> c1(boolean c2StopsTheLoop) {
        return async(() -> {
            timeline.add(">>> c1");
            sleep(U);
            timeline.add("forking");
            ensureFuture(c2(c2StopsTheLoop));
            sleep(U);
            timeline.add("<<< c1");
        });
    }

    @Test
    void forkRunsTheForkedCoroutineAlongsideItsParentAndRunForeverGoesOnAfterBoth() {
        ensureFuture(c1(false));
        // The notebook's Ctrl-C, well after both coroutines have ended.
        loop.callLater(10 * U, () -> timeline.add("stop"));
        loop.callLater(10 * U, loop::stop);

        loop.runForever();

        assertEquals(List.of(">>> c1", "forking", ">>> c2", "<<< c1", "<<< c2", "stop"), timeline.events());
        timeline.assertApart(">>> c1", "forking", U);
        timeline.assertApart("forking", "<<< c1", U);
        timeline.assertApart(">>> c2", "<<< c2", 2 * U);
    }

    @Test
    void stopFromTheForkedCoroutineMakesRunForeverReturn() {
        ensureFuture(c1(true));

        loop.runForever();
        timeline.add("done");

        assertEquals(List.of(">>> c1", "forking", ">>> c2", "<<< c1", "<<< c2", "done"), timeline.events());
        timeline.assertApart(">>> c2", "<<< c2", 2 * U);
        assertTrue(loop.liveTasks().isEmpty(), "every task ended");
        assertFalse(loop.isRunning());
    }

    private Coroutine<Void> longOne() {
        return async(() -> {
            timeline.add(">>> long");
            sleep(4 * U);
            timeline.add("<<< long");
        });
    }

    private Coroutine<String> shortOne() {
        return () -> {
            timeline.add(">>> short");
            sleep(2 * U);
            timeline.add("<<< short");
            return "short result";
        };
    }

    @Test
    void runUntilCompleteReturnsWhileAnotherTaskIsStillPending() throws Exception {
        Task<Void> longTask = ensureFuture(longOne());

        String result = loop.runUntilComplete(shortOne());
        timeline.add("done");

        assertEquals("short result", result);
        assertEquals(List.of(">>> long", ">>> short", "<<< short", "done"), timeline.events());
        assertFalse(longTask.done());
        assertEquals(Set.of(longTask), loop.liveTasks());
    }

    @Test
    void betweenTwoRunsNothingProgressesAndTheSleeperKeepsItsOriginalDeadline() throws Exception {
        Task<Void> longTask = ensureFuture(longOne());
        loop.runUntilComplete(shortOne());
        List<String> afterFirstRun = timeline.events();
        double longStart = timeline.timeOf(">>> long");

        // Outside any run, let the wall clock pass long's deadline: with no run, nothing may happen.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> loop.time() >= longStart + 5 * U);
        assertEquals(afterFirstRun, timeline.events());
        assertFalse(longTask.done());

        // A deadline restarted by the second run would fall 4 units after its start, after this marker.
        loop.callLater(2 * U, () -> timeline.add("marker"));
        loop.callLater(2 * U, loop::stop);
        loop.runForever();

        assertEquals(List.of(">>> long", ">>> short", "<<< short", "<<< long", "marker"), timeline.events());
        assertTrue(longTask.done());
    }

    @Test
    void aTaskSleepingAcrossAStopResumesAtItsOriginalDeadline() {
        Task<Void> longTask = ensureFuture(longOne());
        loop.callLater(U, () -> timeline.add("stop"));
        loop.callLater(U, loop::stop);
        loop.runForever();
        assertEquals(List.of(">>> long", "stop"), timeline.events());
        double longStart = timeline.timeOf(">>> long");

        // Second run starts at once: long still has about three units to sleep, not four.
        loop.callAt(longStart + 6 * U, () -> timeline.add("marker"));
        loop.callAt(longStart + 6 * U, loop::stop);
        loop.runForever();

        assertEquals(List.of(">>> long", "stop", "<<< long", "marker"), timeline.events());
        timeline.assertApart(">>> long", "<<< long", 4 * U);
        assertTrue(longTask.done());
    }
}
