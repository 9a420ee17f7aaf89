package dev.aioloop;

import static dev.aioloop.Asyncio.*;
import org.awaitility.Awaitility;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadBridgeTest extends AbstractLoopTest {

    @Test
    void toThreadRunsElsewhereWhileTheLoopGoesOn() throws Exception {
        CountDownLatch loopProgressed = new CountDownLatch(1);
        Thread loopThread = Thread.currentThread();
        Thread[] worker = new Thread[1];
        String s = run(() -> {
            createTask(async(() -> {
                sleep(0);
                loopProgressed.countDown();
            }));
            return toThread(() -> {
                worker[0] = Thread.currentThread();
                // Returns only if the loop ran the other task meanwhile.
                return loopProgressed.await(10, TimeUnit.SECONDS) ? "loop was free" : "loop was blocked";
            });
        });
        assertEquals("loop was free", s);
        assertNotSame(loopThread, worker[0]);
        assertTrue(worker[0].isVirtual());
    }

    @Test
    void toThreadRethrowsTheSameException() {
        IOException boom = new IOException("disk");
        IOException e = assertThrows(IOException.class, () -> run(() -> toThread(() -> {
            throw boom;
        })));
        assertSame(boom, e);
    }

    @Test
    void runInExecutorUsesTheGivenExecutorAndTheDefaultOneIsShutDownWithTheLoop() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-pool"));
        assertEquals("custom-pool", loop.runUntilComplete(
                loop.runInExecutor(pool, () -> Thread.currentThread().getName())));
        assertEquals(42, loop.runUntilComplete(loop.runInExecutor(null, () -> 42)));
        pool.shutdown();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(pool, () -> 1));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertFalse(((ExecutorService) loop.defaultExecutor).isShutdown());

        loop.close();

        assertTrue(((ExecutorService) loop.defaultExecutor).isShutdown());
    }

    @Test
    void runLetsTheDefaultExecutorsCallsFinish() throws Exception {
        CountDownLatch mainReturning = new CountDownLatch(1);
        boolean[] finished = {false};
        run(() -> {
            getRunningLoop().runInExecutor(null, () -> {
                mainReturning.await(10, TimeUnit.SECONDS);
                finished[0] = true;
                return null;
            });
            mainReturning.countDown();
            return null;   // the call is still running
        });
        assertTrue(finished[0], "run() closed the loop before the executor's call finished");
    }

    @Test
    void runCoroutineThreadsafeReturnsTheResultAndCancelsTheTask() throws Exception {
        Thread runner = new Thread(loop::runForever, "loop-runner");
        runner.start();
        try {
            CompletableFuture<String> reply = runCoroutineThreadsafe(() -> sleep(0, "pong"), loop);
            assertEquals("pong", reply.get(10, TimeUnit.SECONDS));

            AtomicReference<Task<?>> task = new AtomicReference<>();
            CompletableFuture<String> slow = runCoroutineThreadsafe(() -> {
                task.set(currentTask());
                return sleep(30, "never");
            }, loop);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> task.get() != null);
            slow.cancel(false);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                // The task's state belongs to the loop's thread: ask it there.
                CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
                loop.callSoonThreadsafe(() -> cancelled.complete(task.get().cancelled()));
                return cancelled.get(10, TimeUnit.SECONDS);
            });

            CompletableFuture<String> failing = runCoroutineThreadsafe(() -> {
                throw new IOException("inside");
            }, loop);
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertEquals("inside", e.getCause().getMessage());
        } finally {
            loop.stop();
            runner.join(10_000);
        }
    }

    @Test
    void wrapFutureAwaitsAStageCompletedElsewhere() throws Exception {
        run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> cf.complete("from another thread"));
            assertEquals("from another thread", await(wrapFuture(cf)));

            CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("stage failed");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(wrapFuture(failed)));
            assertEquals("stage failed", e.getMessage());

            CompletableFuture<String> never = new CompletableFuture<>();
            Future<String> wrapped = wrapFuture(never);
            wrapped.cancel();
            assertTrue(never.isCancelled());

            CompletableFuture<String> cancelledOutside = new CompletableFuture<>();
            Future<String> follows = wrapFuture(cancelledOutside);
            cancelledOutside.cancel(false);
            assertThrows(CancelledError.class, () -> await(follows));
            return null;
        });
    }

    @Test
    void toCompletableFutureFollowsTheFutureAndCancelsIt() throws Exception {
        run(() -> {
            Task<String> t = createTask(() -> sleep(0, "done"));
            CompletableFuture<String> cf = t.toCompletableFuture();
            await(t);
            sleep(0);   // the copy runs as a done callback
            assertEquals("done", cf.getNow("not yet"));

            Task<String> failing = createTask(() -> {
                throw new IOException("failed");
            });
            CompletableFuture<String> failedCf = failing.toCompletableFuture();
            assertThrows(IOException.class, () -> await(failing));
            sleep(0);
            assertInstanceOf(IOException.class, assertThrows(ExecutionException.class, failedCf::get).getCause());

            Task<String> slow = createTask(() -> sleep(30, "never"));
            CompletableFuture<String> slowCf = slow.toCompletableFuture();
            slowCf.cancel(false);
            assertThrows(CancellationException.class, slowCf::join);
            assertThrows(CancelledError.class, () -> await(slow));
            return null;
        });
    }

    @Test
    void toCompletableFutureOfADoneFutureIsCompleteWithoutTheLoopRunningAgain() throws Exception {
        Task<String> t = loop.createTask(() -> "x");
        loop.runUntilComplete(t);

        assertEquals("x", t.toCompletableFuture().getNow("not yet"));
    }
}
