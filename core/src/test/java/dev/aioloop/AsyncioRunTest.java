package dev.aioloop;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.getRunningLoop;
import static dev.aioloop.Asyncio.sleep;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Asyncio.run: the program's entry point. */
class AsyncioRunTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void runsMainOnANewLoopAndReturnsItsResult() throws Exception {
        Loop before = Asyncio.newEventLoop();
        AtomicReference<Loop> used = new AtomicReference<>();
        try {
            int result = Asyncio.run(() -> {
                used.set(getRunningLoop());
                sleep(0.01);
                return 42;
            });
            assertEquals(42, result);
            assertNotSame(before, used.get());
        } finally {
            before.close();
        }
    }

    @Test
    void closesTheLoopAfterwards() throws Exception {
        AtomicReference<Loop> used = new AtomicReference<>();
        Asyncio.run(() -> {
            used.set(getRunningLoop());
            return null;
        });
        assertTrue(used.get().isClosed());
        assertFalse(used.get().isRunning());
    }

    @Test
    void cancelsTheRemainingTasksAndLetsTheirFinallyBlocksRunEvenOnesThatAwait() throws Exception {
        AtomicReference<Task<Void>> leftOver = new AtomicReference<>();
        Asyncio.run(async(() -> {
            leftOver.set(ensureFuture(async(() -> {
                try {
                    log.add("left-over started");
                    sleep(3600);
                } finally {
                    sleep(0);
                    log.add("left-over finally");
                }
            })));
            sleep(0);
            log.add("main returns");
        }));

        assertEquals(List.of("left-over started", "main returns", "left-over finally"), log);
        assertTrue(leftOver.get().cancelled());
    }

    @Test
    void aRemainingTaskThatFailsWhileCancelledIsReportedNotThrown() throws Exception {
        AtomicReference<Task<Void>> leftOver = new AtomicReference<>();
        IOException failure = new IOException("failed during shutdown");
        String result = Asyncio.run(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> log.add(context.message()));
            leftOver.set(ensureFuture(async(() -> {
                try {
                    sleep(3600);
                } catch (CancelledError e) {
                    throw failure;
                }
            })));
            sleep(0);
            return "main result";
        });

        assertEquals("main result", result);
        assertSame(failure, leftOver.get().exception());
        assertEquals(List.of("unhandled exception during Asyncio.run() shutdown"), log);
    }

    @Test
    void mainsFailureIsThrownAsTheSameObjectAndTheLoopIsStillClosed() {
        IOException failure = new IOException("main failed");
        AtomicReference<Loop> used = new AtomicReference<>();
        IOException thrown = assertThrows(IOException.class, () -> Asyncio.run(() -> {
            used.set(getRunningLoop());
            sleep(0);
            throw failure;
        }));
        assertSame(failure, thrown);
        assertTrue(used.get().isClosed());
    }

    @Test
    void leavesNoLoopSetInTheThread() {
        AtomicReference<Throwable> afterRun = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Loop previous = Asyncio.newEventLoop();
            try {
                Asyncio.setEventLoop(previous);
                Asyncio.run(() -> null);
                Asyncio.getEventLoop();
            } catch (Throwable e) {
                afterRun.set(e);
            } finally {
                previous.close();
            }
        }, "worker");
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> afterRun.get() != null || !t.isAlive());

        assertTrue(afterRun.get() instanceof IllegalStateException, "getEventLoop() after run: " + afterRun.get());
        assertTrue(afterRun.get().getMessage().contains("no current event loop"), afterRun.get().getMessage());
    }

    @Test
    void insideARunningLoopItIsRefused() throws Exception {
        String message = Asyncio.run(() -> {
            try {
                Asyncio.run(() -> 1);
                return "nested run";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertTrue(message.startsWith("Asyncio.run() cannot be called from a running event loop"), message);
    }

    @Test
    void aTaskCanAwaitAnotherCreatedWithCreateTask() throws Exception {
        int result = Asyncio.run(() -> {
            Task<Integer> child = Asyncio.createTask(() -> sleep(0.01, 20));
            return await(child) + 1;
        });
        assertEquals(21, result);
    }

    @Test
    void createTaskOutsideARunningLoopIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.createTask(() -> 1));
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    }
}
