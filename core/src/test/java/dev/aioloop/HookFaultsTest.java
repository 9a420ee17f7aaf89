package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into every hook a user gives the loop: callbacks (soon, later, thread-safe), task
 * bodies at each of their steps, done callbacks, a task observer, the exception handler itself. Each
 * fault is reported once, and everything else accepted runs.
 */
class HookFaultsTest extends AbstractLoopTest {
    private static final int STEPS = 6;

    @Test
    void everyHookThrowingIsReportedAndNothingAcceptedIsLost() throws Exception {
        List<ErrorContext> reported = new CopyOnWriteArrayList<>();
        AtomicInteger handlerCalls = new AtomicInteger();
        try (CapturedLog log = captureLoopLog()) {
            loop.setExceptionHandler((l, context) -> {
                reported.add(context);
                // The handler itself fails on its first three calls: logged, then the default handler.
                if (handlerCalls.incrementAndGet() <= 3) {
                    throw new IllegalStateException("handler down");
                }
            });
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger doneSeen = new AtomicInteger();
            Map<String, Integer> observed = new ConcurrentHashMap<>();
            List<Task<Integer>> tasks = new ArrayList<>();
            Thread foreign = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    loop.callSoonThreadsafe(hook(i, ran));
                }
            });
            loop.runUntilComplete(() -> {
                loop.setTaskObserver(new TaskObserver() {
                    @Override
                    public void resumed(Task<?> task, double time) {
                        observed.merge(task.getName(), 1, Integer::sum);
                        throw new IllegalStateException("observer down");
                    }
                });
                for (int i = 0; i < 10; i++) {
                    loop.callSoon(hook(i, ran));
                    loop.callLater(0.001, hook(i, ran));
                }
                foreign.start();
                // Task j throws at its step j; the last one never does.
                for (int j = 0; j <= STEPS; j++) {
                    int failAt = j;
                    Task<Integer> task = loop.createTask(() -> {
                        for (int step = 0; step < STEPS; step++) {
                            if (step == failAt) {
                                throw new IllegalStateException("step " + step);
                            }
                            Asyncio.sleep(0);
                        }
                        return STEPS;
                    }, "faulty-" + j);
                    task.addDoneCallback(t -> {
                        throw new IllegalStateException("done callback down");
                    });
                    task.addDoneCallback(t -> doneSeen.incrementAndGet());
                    tasks.add(task);
                }
                for (Task<Integer> task : tasks) {
                    try {
                        task.await();
                    } catch (IllegalStateException expected) {
                        // The injected failure, checked below.
                    }
                }
                foreign.join();
                Asyncio.sleep(0.01);
                loop.setTaskObserver(null);
            });

            assertEquals(15, ran.get(), "every callback that did not throw ran");
            assertEquals(tasks.size(), doneSeen.get(), "every done callback after a failing one ran");
            for (int j = 0; j < STEPS; j++) {
                assertEquals("step " + j, tasks.get(j).exception().getMessage());
                assertEquals(j + 1, observed.get("faulty-" + j), "task " + j + " ran up to its failing step");
            }
            assertEquals(STEPS, tasks.get(STEPS).result());
            long callbacks = count(reported, "Exception in callback");
            long observers = count(reported, "Exception in task observer");
            assertEquals(15 + tasks.size(), callbacks, "the 15 failing callbacks and each task's failing done callback");
            assertEquals(observed.values().stream().mapToInt(Integer::intValue).sum(), observers,
                    "each failing observer call, once");
            // The handler's own failures: logged with the original error, which the default handler logs.
            assertEquals(3, count(log, "Unhandled error in exception handler"));
            assertEquals(3, count(log, "Exception in"));
            assertTrue(loop.runUntilComplete(() -> Asyncio.sleep(0, true)), "the loop still runs a task");
        }
    }

    /** Callback {@code i}: every other one throws. */
    private static Runnable hook(int i, AtomicInteger ran) {
        return () -> {
            if (i % 2 == 0) {
                throw new IllegalStateException("callback " + i + " down");
            }
            ran.incrementAndGet();
        };
    }

    private static long count(List<ErrorContext> reported, String prefix) {
        return reported.stream().filter(c -> c.message().startsWith(prefix)).count();
    }

    private static long count(CapturedLog log, String fragment) {
        return log.records.stream().map(LogRecord::getMessage).filter(m -> String.valueOf(m).contains(fragment)).count();
    }
}
