package dev.aioloop;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.createTask;
import static dev.aioloop.Asyncio.getRunningLoop;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Runner: several top-level runs on one loop, then one shutdown. */
class RunnerTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void twoRunsShareTheLoopAndATaskTheFirstLeftPendingGoesOnInTheSecond() throws Exception {
        try (Runner runner = new Runner()) {
            AtomicReference<Future<String>> gate = new AtomicReference<>();
            AtomicReference<Task<String>> leftOver = new AtomicReference<>();
            Loop first = runner.run(() -> {
                gate.set(getRunningLoop().createFuture());
                leftOver.set(createTask(() -> {
                    log.add("left-over started");
                    return "got " + await(gate.get());
                }));
                sleep(0);
                return getRunningLoop();
            });

            assertEquals(List.of("left-over started"), log);
            assertFalse(leftOver.get().done(), "a run leaves the tasks it did not await pending, not cancelled");

            String second = runner.run(() -> {
                assertSame(first, getRunningLoop());
                gate.get().setResult("go");
                return await(leftOver.get());
            });
            assertEquals("got go", second);
            assertSame(first, runner.getLoop());
        }
    }

    @Test
    void getLoopBeforeAnyRunMakesTheLoopTheRunsUseAndSetsItAsTheThreadsLoop() throws Exception {
        try (Runner runner = new Runner()) {
            Loop loop = runner.getLoop();
            assertFalse(loop.isRunning());
            assertSame(loop, Asyncio.getEventLoop());
            assertSame(loop, runner.run(Asyncio::getRunningLoop));
        }
    }

    @Test
    void tryWithResourcesClosesTheLoopAndUnsetsTheThreadsLoop() throws Exception {
        Loop loop;
        try (Runner runner = new Runner()) {
            loop = runner.run(Asyncio::getRunningLoop);
        }
        assertTrue(loop.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::getEventLoop);
        assertTrue(e.getMessage().startsWith("There is no current event loop"), e.getMessage());
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Runner runner = new Runner();
        Loop loop = runner.run(Asyncio::getRunningLoop);
        runner.close();
        runner.close();
        assertTrue(loop.isClosed());

        Runner unused = new Runner();
        unused.close();
        unused.close();
    }

    @Test
    void aClosedRunnerRefusesToRunAndHasNoLoop() throws Exception {
        Runner runner = new Runner();
        runner.run(() -> 1);
        runner.close();

        IllegalStateException run = assertThrows(IllegalStateException.class, () -> runner.run(() -> 2));
        assertTrue(run.getMessage().startsWith("The Runner is closed"), run.getMessage());
        assertTrue(run.getMessage().contains("make a new Runner"), run.getMessage());
        assertThrows(IllegalStateException.class, runner::getLoop);

        // Unlike asyncio's, a runner closed before its first use is closed too.
        Runner unused = new Runner();
        unused.close();
        assertThrows(IllegalStateException.class, () -> unused.run(() -> 3));
    }

    @Test
    void runInsideARunningLoopIsRefusedAndLeavesTheRunnerUsable() throws Exception {
        try (Runner runner = new Runner(); Runner other = new Runner()) {
            String nested = runner.run(() -> {
                IllegalStateException same = assertThrows(IllegalStateException.class, () -> runner.run(() -> 1));
                assertThrows(IllegalStateException.class, () -> other.run(() -> 1));
                return same.getMessage();
            });
            assertTrue(nested.startsWith("Runner.run() cannot be called from a running event loop"), nested);
            assertTrue(nested.contains("await the coroutine instead"), nested);
            assertEquals(2, runner.run(() -> 2));
        }
    }

    @Test
    void closeFromATaskOfItsLoopIsRefusedAndCancelsNothing() throws Exception {
        try (Runner runner = new Runner()) {
            String refused = runner.run(() -> {
                Task<Void> sibling = createTask(async(() -> sleep(0)));
                IllegalStateException e = assertThrows(IllegalStateException.class, runner::close);
                await(sibling);
                assertFalse(sibling.cancelled());
                return e.getMessage();
            });
            assertTrue(refused.startsWith("Runner.close() cannot be called while the runner's loop runs"), refused);
            assertEquals(3, runner.run(() -> 3));
        }
    }

    @Test
    void closeCancelsThePendingTasksAndLetsTheirFinallyBlocksRunEvenOnesThatAwait() throws Exception {
        Runner runner = new Runner();
        Task<Void> leftOver = runner.run(() -> {
            Task<Void> t = createTask(async(() -> {
                try {
                    await(getRunningLoop().createFuture());   // nobody completes it
                } catch (CancelledError e) {
                    log.add("cancelled");
                    throw e;
                } finally {
                    sleep(0.001);
                    log.add("finally after an await");
                }
            }));
            sleep(0);
            return t;
        });
        assertFalse(leftOver.done());

        runner.close();

        assertEquals(List.of("cancelled", "finally after an await"), log);
        assertTrue(leftOver.cancelled());
    }

    @Test
    void aTaskThatFailsWhileCancelledByCloseIsReportedNotThrown() throws Exception {
        IOException failure = new IOException("failed during shutdown");
        Runner runner = new Runner();
        Task<Void> leftOver = runner.run(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> {
                log.add(context.message());
                assertSame(failure, context.exception());
            });
            Task<Void> t = createTask(async(() -> {
                try {
                    sleep(3600);
                } catch (CancelledError e) {
                    throw failure;
                }
            }));
            sleep(0);
            return t;
        });

        runner.close();

        assertSame(failure, leftOver.exception());
        assertEquals(List.of("unhandled exception during Runner.close()"), log);
    }
}
