package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The handle of callSoonThreadsafe cancelled from another thread: once cancel() returned, a callback not started never runs. */
class ThreadsafeHandleCancelTest extends AbstractLoopTest {
    private static final int HANDLES = 100_000;

    @Test
    void aHandleCancelledFromAnotherThreadBeforeTheLoopRunsNeverRuns() throws Exception {
        Handle h = loop.callSoonThreadsafe(() -> log.add("ran"));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread canceller = new Thread(() -> {
            try {
                h.cancel();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "canceller");
        canceller.start();
        canceller.join();

        loop.runUntilComplete(() -> Asyncio.sleep(0, null));

        assertEquals(List.of(), failures);
        assertEquals(List.of(), log);
        assertTrue(h.cancelled());
    }

    @Test
    void racingTheLoopEachHandleEitherRunsOrIsCancelledBeforeItsRunNeverBoth() throws Exception {
        AtomicIntegerArray won = new AtomicIntegerArray(HANDLES);
        AtomicIntegerArray ran = new AtomicIntegerArray(HANDLES);
        BlockingQueue<Handle> toCancel = new ArrayBlockingQueue<>(HANDLES);
        Handle[] handles = new Handle[HANDLES];
        try (LoopRunner runner = LoopRunner.start("loop")) {
            Thread canceller = new Thread(() -> {
                try {
                    for (int i = 0; i < HANDLES; i++) {
                        // The form of cancel() that says whether it came before the run.
                        if (((Handle.Threadsafe) toCancel.take()).tryCancel()) {
                            won.set(i, 1);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "canceller");
            canceller.start();
            for (int i = 0; i < HANDLES; i++) {
                int n = i;
                handles[i] = runner.loop.callSoonThreadsafe(() -> ran.incrementAndGet(n));
                toCancel.add(handles[i]);
            }
            canceller.join();
            // Through the same queue, after every callback handed in above.
            runner.stopAndJoin();
        }

        int runs = 0;
        int cancelledBeforeRun = 0;
        for (int i = 0; i < HANDLES; i++) {
            assertTrue(ran.get(i) + won.get(i) == 1, "handle " + i + ": ran " + ran.get(i) + ", cancel won " + won.get(i));
            assertTrue(handles[i].cancelled(), "handle " + i);
            runs += ran.get(i);
            cancelledBeforeRun += won.get(i);
        }
        assertEquals(HANDLES, runs + cancelledBeforeRun);
    }
}
