package dev.aioloop.bench;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.TimerHandle;
import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import java.util.concurrent.TimeUnit;

/**
 * {@code timeouts}: timeouts armed then cancelled before they fire, the usual fate of a timeout, in
 * nanoseconds per timeout, side by side in one run so that their ratios mean something:
 * {@code scope}, a whole {@code timeout(30).run(body)} around a body that finishes at once;
 * {@code heap}, a bare {@code callLater} + {@code cancel} on the loop's timer heap; {@code wheel}, a
 * bare {@code newTimeout} + {@code cancel} on Netty's {@code HashedWheelTimer}; and {@code live-heap}
 * / {@code live-wheel}, the same with all of them armed at once before any is cancelled (the heap is
 * then {@code size} deep). The wheel's figures leave out the work its own thread does with each
 * cancellation, and a wheel timeout that fires would still have to cross to the loop's thread.
 *
 * <pre>{@code
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -jar aioloop-bench.jar timeouts
 * timeouts aioloop scope=320 heap=177 wheel=257 live-heap=605 live-wheel=69 ns/timeout
 * }</pre>
 */
public final class Timeouts implements Workload {
    private static final double DELAY = 30;
    // Keeps the JIT from dropping the bodies.
    private static long sink;

    @Override
    public String name() {
        return "timeouts";
    }

    @Override
    public int defaultSize() {
        return 1_000_000;
    }

    @Override
    public String run(int size) throws Exception {
        Loop loop = Asyncio.newEventLoop();
        HashedWheelTimer wheel = new HashedWheelTimer();
        try {
            Runnable callback = () -> sink++;
            TimerTask task = t -> sink++;
            long scope = loop.runUntilComplete(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < size; i++) {
                    int value = i;
                    sink += Asyncio.timeout(DELAY).run(() -> value);
                }
                return System.nanoTime() - t0;
            });
            long heap = loop.runUntilComplete(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < size; i++) {
                    loop.callLater(DELAY, callback).cancel();
                }
                return System.nanoTime() - t0;
            });
            long t0 = System.nanoTime();
            for (int i = 0; i < size; i++) {
                wheel.newTimeout(task, (long) DELAY, TimeUnit.SECONDS).cancel();
            }
            long wheelSeq = System.nanoTime() - t0;
            long liveHeap = loop.runUntilComplete(() -> {
                TimerHandle[] armed = new TimerHandle[size];
                long start = System.nanoTime();
                for (int i = 0; i < size; i++) {
                    // Spread deadlines, so that the heap is not one long run of equal keys.
                    armed[i] = loop.callLater(DELAY + (i % 1000) * 1e-3, callback);
                }
                for (TimerHandle h : armed) {
                    h.cancel();
                }
                return System.nanoTime() - start;
            });
            io.netty.util.Timeout[] armed = new io.netty.util.Timeout[size];
            t0 = System.nanoTime();
            for (int i = 0; i < size; i++) {
                armed[i] = wheel.newTimeout(task, (long) (DELAY * 1000) + i % 1000, TimeUnit.MILLISECONDS);
            }
            for (io.netty.util.Timeout t : armed) {
                t.cancel();
            }
            long liveWheel = System.nanoTime() - t0;
            return String.format("scope=%.0f heap=%.0f wheel=%.0f live-heap=%.0f live-wheel=%.0f ns/timeout",
                    scope / (double) size, heap / (double) size, wheelSeq / (double) size,
                    liveHeap / (double) size, liveWheel / (double) size);
        } finally {
            wheel.stop();
            loop.close();
        }
    }
}
