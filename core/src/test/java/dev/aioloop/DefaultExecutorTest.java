package dev.aioloop;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** setDefaultExecutor and shutdownDefaultExecutor(timeout). */
class DefaultExecutorTest extends AbstractLoopTest {

    @Test
    void theExecutorSetIsTheOneRunInExecutorAndToThreadUseByDefault() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-pool"));
        try {
            loop.setDefaultExecutor(pool);
            List<String> threads = loop.runUntilComplete(() -> List.of(
                    await(loop.runInExecutor(null, () -> Thread.currentThread().getName())),
                    toThread(() -> Thread.currentThread().getName())));
            assertEquals(List.of("my-pool", "my-pool"), threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingAnExecutorShutsDownTheLoopsOwnDefault() throws Exception {
        loop.runUntilComplete(loop.runInExecutor(null, () -> 1));
        ExecutorService own = (ExecutorService) loop.defaultExecutor;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            loop.setDefaultExecutor(pool);
            assertTrue(own.isShutdown());
            assertFalse(pool.isShutdown());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shutdownWaitsForTheCallsRunningThenRefusesTheDefaultExecutor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Future<String> call = loop.runInExecutor(null, () -> {
                release.await();
                return "call";
            });
            Future<Void> shut = loop.shutdownDefaultExecutor(30);
            loop.callSoon(release::countDown);
            await(shut);
            assertTrue(call.done(), "the shutdown waited for the call");
            order.add(await(call));
            order.add("shut down");
        });
        assertEquals(List.of("call", "shut down"), order);
        assertTrue(((ExecutorService) loop.defaultExecutor).isTerminated());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
        assertTrue(e.getMessage().contains("shutdownDefaultExecutor()") && e.getMessage().contains("pass an executor"),
                e.getMessage());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertEquals(2, loop.runUntilComplete(loop.runInExecutor(pool, () -> 2)), "an explicit executor still works");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pastTheTimeoutTheHandlerIsToldAndTheFutureCompletesAnyway() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<ErrorContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reported.add(context));
        try {
            loop.runUntilComplete(() -> {
                loop.runInExecutor(null, () -> release.await(30, TimeUnit.SECONDS));
                await(loop.shutdownDefaultExecutor(0.05));
            });
        } finally {
            release.countDown();
        }
        assertEquals(1, reported.size());
        assertTrue(reported.getFirst().message().contains("did not finish its calls within 0.05 seconds"),
                reported.getFirst().message());
    }

    @Test
    void withNoExecutorMadeOrAPlainExecutorSetTheShutdownIsDoneAtOnce() throws Exception {
        assertTrue(loop.shutdownDefaultExecutor(1).done());
        Loop other = Asyncio.newEventLoop();
        try {
            other.setDefaultExecutor(Runnable::run);
            assertTrue(other.shutdownDefaultExecutor(Double.POSITIVE_INFINITY).done());
        } finally {
            other.close();
        }
    }

    @Test
    void badArgumentsAreRefusedNamingWhatToPass() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> loop.setDefaultExecutor(null));
        assertTrue(none.getMessage().contains("pass an Executor"), none.getMessage());
        for (double bad : new double[] {-1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.shutdownDefaultExecutor(bad));
            assertTrue(e.getMessage().contains("0 or more"), e.getMessage());
        }
    }
}
