package dev.aioloop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The only way into a loop from another thread: nothing lost, each thread's order kept, the loop woken. */
class CallSoonThreadsafeTest extends AbstractLoopTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_000;

    @Test
    void callbacksFromSeveralThreadsAllRunInEachThreadsOrder() throws Exception {
        try (LoopRunner runner = LoopRunner.start("loop")) {
            // Touched only on the loop's thread; read here after stopAndJoin's join.
            List<List<Integer>> received = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                received.add(new ArrayList<>());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int producer = t;
                Thread p = new Thread(() -> {
                    awaitLatch(go);
                    for (int i = 0; i < PER_THREAD; i++) {
                        int n = i;
                        runner.loop.callSoonThreadsafe(() -> received.get(producer).add(n));
                    }
                }, "producer-" + t);
                p.start();
                producers.add(p);
            }
            go.countDown();
            for (Thread p : producers) {
                p.join();
            }
            // The stop goes through the same queue, after every callback handed in above.
            runner.stopAndJoin();

            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
                expected.add(i);
            }
            for (int t = 0; t < THREADS; t++) {
                assertEquals(expected, received.get(t), "callbacks of producer-" + t);
            }
        }
    }

    @Test
    void aLoopWaitingWithNoTimersIsWokenByACallback() {
        try (LoopRunner runner = LoopRunner.start("idle-loop")) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            runner.loop.callSoonThreadsafe(() -> {
                ranOn.set(Thread.currentThread());
                ran.countDown();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.getCount() == 0);
            assertSame(runner.thread(), ranOn.get());
        }
    }

    @Test
    void stopFromAnotherThreadWakesAndEndsAnIdleRun() {
        LoopRunner runner = LoopRunner.start("stopped-from-outside");
        try {
            runner.stopAndJoin();
            assertFalse(runner.loop.isRunning());
        } finally {
            runner.close();
        }
    }

    @Test
    void fromTheLoopsOwnThreadItKeepsFifoOrderWithCallSoon() {
        loop.callSoon(() -> {
            loop.callSoon(() -> log.add("soon 1"));
            loop.callSoonThreadsafe(() -> log.add("threadsafe"));
            loop.callSoon(() -> log.add("soon 2"));
            loop.callSoon(loop::stop);
        });
        loop.runForever();
        assertEquals(List.of("soon 1", "threadsafe", "soon 2"), log);
    }

    @Test
    void beforeAnyRunTheCallbackWaitsForTheFirstRun() {
        Thread other = new Thread(() -> loop.callSoonThreadsafe(() -> log.add("handed in")));
        other.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !other.isAlive());
        assertEquals(List.of(), log);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("handed in"), log);
    }

    @Test
    void aCancelledHandleDoesNotRun() {
        Handle h = loop.callSoonThreadsafe(() -> log.add("cancelled one"));
        h.cancel();
        loop.callSoonThreadsafe(loop::stop);
        loop.runForever();
        assertEquals(List.of(), log);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
