package dev.aioloop.bench;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Asyncio;
import dev.aioloop.Awaitable;
import dev.aioloop.Coroutine;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * {@code sleepers}: tasks each sleeping a random 0–1 s, gathered; live heap per sleeping task, taken
 * after a full GC half a second in, and how long the gather took beyond the longest sleep.
 */
public final class Sleepers implements Workload {
    @Override
    public String name() {
        return "sleepers";
    }

    @Override
    public int defaultSize() {
        return 100_000;
    }

    @Override
    public String run(int tasks) throws Exception {
        Random random = new Random(42);
        double[] delays = new double[tasks];
        double longest = 0;
        for (int i = 0; i < tasks; i++) {
            delays[i] = random.nextDouble();
            longest = Math.max(longest, delays[i]);
        }
        long[] heap = new long[2];
        heap[0] = liveHeap();
        long nanos = Asyncio.run(() -> {
            Awaitable<?>[] all = new Awaitable<?>[tasks + 1];
            long t0 = System.nanoTime();
            all[0] = (Coroutine<Void>) () -> {
                sleep(0.5);
                heap[1] = liveHeap();
                return null;
            };
            for (int i = 0; i < tasks; i++) {
                double d = delays[i];
                all[i + 1] = (Coroutine<Void>) () -> {
                    sleep(d);
                    return null;
                };
            }
            await(gather(all));
            return System.nanoTime() - t0;
        });
        return String.format("%d bytes/task overshoot=%.1fms", (heap[1] - heap[0]) / tasks, nanos / 1e6 - longest * 1e3);
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
