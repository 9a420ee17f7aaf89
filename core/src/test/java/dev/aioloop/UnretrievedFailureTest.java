package dev.aioloop;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What watching a failure for "exception was never retrieved" costs: nothing for a failure its
 * awaiter takes at once, a Cleaner only for one still unretrieved once its callbacks had their turn.
 * The reports themselves, made once the future is garbage, are in {@link ExceptionHandlerTest}.
 */
class UnretrievedFailureTest extends AbstractLoopTest {

    @Test
    void aFailureAwaitedAtOnceRegistersNoCleanerAndLeavesTheTaskUnnamed() throws Exception {
        long cleanersBefore = UnretrievedFailure.cleanersRegistered();
        Task<Void> failing = loop.createTask(async(() -> {
            sleep(0);
            throw new IOException("awaited");
        }));

        String caught = loop.runUntilComplete(() -> {
            try {
                Asyncio.await(failing);
                return "no failure";
            } catch (IOException e) {
                return e.getMessage();
            }
        });

        assertEquals("awaited", caught);
        assertEquals(cleanersBefore, UnretrievedFailure.cleanersRegistered());
        assertNull(failing.explicitName(), "the failure named the task");
    }

    @Test
    void aFailureNobodyRetrievedIsWatchedOnceItsCallbacksHadTheirTurn() throws Exception {
        long cleanersBefore = UnretrievedFailure.cleanersRegistered();
        IOException failure = new IOException("nobody looks");
        Task<Void> failing = loop.createTask(() -> {
            throw failure;
        });

        loop.runUntilComplete(() -> sleep(0, "went round"));

        assertEquals(cleanersBefore + 1, UnretrievedFailure.cleanersRegistered());
        assertNull(failing.explicitName());
        assertSame(failure, failing.exception());
    }

    @Test
    void aNamedTasksUnretrievedFailureIsReportedUnderItsName() {
        List<ErrorContext> handled = new CopyOnWriteArrayList<>();
        IOException failure = new IOException("never retrieved");
        try (LoopRunner runner = LoopRunner.start("gc-loop")) {
            runner.loop.setExceptionHandler((l, context) -> handled.add(context));
            runner.loop.callSoonThreadsafe(() -> runner.loop.createTask(() -> {
                throw failure;
            }, "worker"));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return !handled.isEmpty();
            });
        }

        assertEquals(1, handled.size());
        assertSame(failure, handled.get(0).exception());
        assertEquals("Task exception was never retrieved: worker", handled.get(0).message());
    }

    @Test
    void aFailureReportedWhenItsLoopClosesIsNotReportedAgainOnceGarbage() throws Exception {
        List<ErrorContext> handled = new CopyOnWriteArrayList<>();
        loop.setExceptionHandler((l, context) -> handled.add(context));
        IOException failure = new IOException("reported at close");
        loop.createTask(() -> {
            throw failure;
        }, "closing");
        loop.runUntilComplete(() -> sleep(0, null));
        assertEquals(List.of(), handled, "reported before the close");

        loop.close();

        assertEquals(1, handled.size());
        assertSame(failure, handled.get(0).exception());
        assertEquals("Task exception was never retrieved: closing", handled.get(0).message());
        // The task is garbage by now: a report by the Cleaner would add a second entry.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    System.gc();
                    return handled.size() == 1;
                });
    }

    @Test
    void aFailureRetrievedBeforeTheCloseIsNotReported() throws Exception {
        List<ErrorContext> handled = new CopyOnWriteArrayList<>();
        loop.setExceptionHandler((l, context) -> handled.add(context));
        Task<Void> failing = loop.createTask(() -> {
            throw new IOException("looked at");
        });
        Future<String> plain = loop.createFuture();
        plain.setException(new IOException("plain, looked at"));
        loop.runUntilComplete(() -> sleep(0, null));

        assertEquals("looked at", failing.exception().getMessage());
        assertEquals("plain, looked at", plain.exception().getMessage());
        loop.close();

        assertEquals(List.of(), handled);
    }

    @Test
    void aPlainFuturesFailureIsReportedWhenItsLoopClosesInTheOrderTheyFailed() throws Exception {
        List<ErrorContext> handled = new CopyOnWriteArrayList<>();
        loop.setExceptionHandler((l, context) -> handled.add(context));
        IOException first = new IOException("first");
        IOException second = new IOException("second");
        loop.createFuture().setException(first);
        loop.runUntilComplete(() -> loop.createFuture().setException(second));

        loop.close();

        assertEquals(List.of(first, second), handled.stream().map(ErrorContext::exception).toList());
        assertEquals("Future exception was never retrieved", handled.get(0).message());
    }

    @Test
    void aFailureReportedOnceGarbageIsNotReportedAgainWhenItsLoopCloses() {
        List<ErrorContext> handled = new CopyOnWriteArrayList<>();
        try (LoopRunner runner = LoopRunner.start("gc-then-close")) {
            runner.loop.setExceptionHandler((l, context) -> handled.add(context));
            runner.loop.callSoonThreadsafe(() -> runner.loop.createTask(() -> {
                throw new IOException("collected first");
            }));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return !handled.isEmpty();
            });
        }

        assertEquals(1, handled.size(), "the close reported it a second time");
    }
}
