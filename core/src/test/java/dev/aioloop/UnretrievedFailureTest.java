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
}
