package dev.aioloop;

import static dev.aioloop.Asyncio.asCompleted;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.createTask;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.getRunningLoop;
import static dev.aioloop.Asyncio.runCoroutineThreadsafe;
import static dev.aioloop.Asyncio.sleep;
import static dev.aioloop.Asyncio.taskGroup;
import static dev.aioloop.Asyncio.timeout;
import static dev.aioloop.Asyncio.timeoutAt;
import static dev.aioloop.Asyncio.toThread;
import static dev.aioloop.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aioloop.sync.Condition;
import dev.aioloop.sync.Lock;
import dev.aioloop.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lambdas without {@code return null}, gather of lambdas and of a typed list, and a Duration wherever
 * seconds are taken. Each call here was a compile error before its overload: that this class
 * compiles is half the check; the other half is that each call does what its twin does. The bodies
 * with no result are blocks: an expression lambda whose method returns a value, {@code () ->
 * log.add(x)}, picks the Coroutine overload, as a lambda that returns a value must (the typed
 * results show it).
 */
class LambdaOverloadsTest extends AbstractLoopTest {

    @Test
    void asyncioRunTakesABodyWithNoResultAndAValueLambdaStillReturnsItsValue() throws Exception {
        List<String> seen = new ArrayList<>();
        Asyncio.run(() -> {
            sleep(0.001);
            seen.add("ran");
        });
        int answer = Asyncio.run(() -> 42);
        String block = Asyncio.run(() -> {
            sleep(0.001);
            return "block";
        });

        assertEquals(List.of("ran"), seen);
        assertEquals(42, answer);
        assertEquals("block", block);
    }

    @Test
    void tasksOfBodiesWithNoResult() throws Exception {
        loop.runUntilComplete(() -> {
            Task<Void> ensured = ensureFuture(() -> {
                sleep(0.001);
                log.add("ensureFuture");
            });
            Task<Void> created = createTask(() -> {
                log.add("createTask");
            });
            Task<Void> named = getRunningLoop().createTask(() -> {
                log.add("named");
            }, "named one");
            Task<Integer> valued = createTask(() -> 7);
            assertNull(await(ensured));
            await(created);
            await(named);
            assertEquals("named one", named.getName());
            assertEquals(7, await(valued));
        });
        Task<Void> fromOutside = loop.createTask(() -> {
            log.add("loop.createTask");
        });
        loop.runUntilComplete(fromOutside);

        assertEquals(List.of("createTask", "named", "ensureFuture", "loop.createTask"), log);
    }

    @Test
    void scopesTakeBodiesWithNoResult() throws Exception {
        Lock lock = new Lock();
        Semaphore semaphore = new Semaphore(1);
        Condition condition = new Condition();
        loop.runUntilComplete(() -> {
            timeout(1, () -> {
                log.add("timeout");
            });
            timeoutAt(getRunningLoop().time() + 1, () -> {
                log.add("timeoutAt");
            });
            timeout(1).run(() -> {
                log.add("Timeout.run");
            });
            assertThrows(TimeoutError.class, () -> timeout(0.01, () -> sleep(10)));
            lock.withLock(() -> {
                log.add("withLock " + lock.locked());
            });
            semaphore.withPermit(() -> {
                log.add("withPermit " + semaphore.locked());
            });
            condition.withLock(() -> {
                log.add("condition " + condition.locked());
            });
            waitFor(() -> {
                log.add("waitFor");
            }, 1);
            assertThrows(TimeoutError.class, () -> waitFor(() -> sleep(10), 0.01));
            String value = timeout(1, () -> sleep(0, "valued timeout"));
            log.add(value);
        });

        assertEquals(List.of("timeout", "timeoutAt", "Timeout.run", "withLock true", "withPermit true", "condition true",
                "waitFor", "valued timeout"), log);
    }

    @Test
    void aTaskGroupTakesABlockWithNoResultAndWaitsForItsChildren() throws Exception {
        loop.runUntilComplete(() -> {
            taskGroup(g -> {
                g.createTask(() -> {
                    sleep(0.01);
                    log.add("slow child");
                });
                g.createTask(() -> {
                    log.add("quick child");
                }, "quick");
            });
            log.add("after the group");
            // A one-line body with a value: typed, it picks the Body overload.
            Task<Integer> child = taskGroup((TaskGroup g) -> g.createTask(() -> 5));
            assertEquals(5, child.result());
        });

        assertEquals(List.of("quick child", "slow child", "after the group"), log);
    }

    @Test
    void aBodyWithNoResultCanBeSubmittedFromAnotherThread() throws Exception {
        try (LoopRunner runner = LoopRunner.start("threadsafe-body")) {
            List<String> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = runCoroutineThreadsafe(() -> {
                sleep(0.001);
                ranOn.add(Thread.currentThread().getName());
            }, runner.loop);

            assertNull(done.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("threadsafe-body"), ranOn);
            assertEquals("valued", runCoroutineThreadsafe(() -> "valued", runner.loop).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void gatherTakesLambdasAndATypedList() throws Exception {
        loop.runUntilComplete(() -> {
            List<Object> mixed = await(gather(() -> toThread(() -> "from a thread"), () -> sleep(0.001, 2)));
            assertEquals(List.of("from a thread", 2), mixed);

            List<Object> withFailure = await(gather(true, () -> "fine", () -> {
                throw new IllegalStateException("failed");
            }));
            assertEquals("fine", withFailure.get(0));
            assertInstanceOf(IllegalStateException.class, withFailure.get(1));

            List<Task<String>> fetches = List.of(createTask(() -> sleep(0.002, "a")), createTask(() -> sleep(0.001, "b")));
            List<String> pages = await(gather(fetches));
            assertEquals(List.of("a", "b"), pages);
            List<Coroutine<Integer>> jobs = List.of(() -> 1, () -> sleep(0.001, 2));
            List<Integer> numbers = await(gather(jobs));
            assertEquals(3, numbers.get(0) + numbers.get(1));
            assertEquals(List.of(), await(gather(List.<Coroutine<String>>of())));
        });
    }

    @Test
    void durationsWhereverSecondsAreTaken() throws Exception {
        loop.runUntilComplete(() -> {
            assertEquals("slept", sleep(Duration.ofMillis(1), "slept"));
            assertEquals("in time", timeout(Duration.ofSeconds(1), () -> sleep(0, "in time")));
            timeout(Duration.ofSeconds(1), () -> {
                log.add("timeout(Duration)");
            });
            assertThrows(TimeoutError.class, () -> timeout(Duration.ofMillis(10)).run(() -> sleep(10)));
            assertThrows(TimeoutError.class, () -> timeout(Duration.ofMillis(10), () -> sleep(10)));
            assertEquals("waited", waitFor(() -> sleep(0, "waited"), Duration.ofSeconds(1)));
            assertEquals("task", waitFor(createTask(() -> "task"), Duration.ofSeconds(1)));
            waitFor(() -> {
                log.add("waitFor(Duration)");
            }, Duration.ofSeconds(1));
            assertThrows(TimeoutError.class, () -> waitFor(() -> sleep(10), Duration.ofMillis(10)));

            Future<String> rang = getRunningLoop().createFuture();
            getRunningLoop().callLater(Duration.ofMillis(5), () -> rang.setResult("rang"));
            assertEquals("rang", await(rang));

            Task<String> slow = createTask(() -> sleep(10, "slow"));
            Task<String> fast = createTask(() -> sleep(0.001, "fast"));
            WaitResult<String> r = Asyncio.wait(List.of(slow, fast), ReturnWhen.ALL_COMPLETED, Duration.ofMillis(50));
            assertEquals(java.util.Set.of(fast), r.done());
            assertEquals(java.util.Set.of(slow), r.pending());

            List<String> inOrder = new ArrayList<>();
            for (Coroutine<String> next : asCompleted(List.of(fast, slow), Duration.ofMillis(20))) {
                try {
                    inOrder.add(await(next));
                } catch (TimeoutError e) {
                    inOrder.add("timed out");
                }
            }
            assertEquals(List.of("fast", "timed out"), inOrder);
            slow.cancel();
        });

        assertEquals(List.of("timeout(Duration)", "waitFor(Duration)"), log);
    }
}
