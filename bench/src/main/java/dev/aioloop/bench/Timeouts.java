package dev.aioloop.bench;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.TimerHandle;
import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * {@code timeouts}: timeouts armed then cancelled before they fire, the usual fate of a timeout, in
 * nanoseconds per timeout, side by side in one run so that their ratios mean something:
 * {@code scope}, a whole {@code timeout(30).run(body)} around a body that finishes at once;
 * {@code heap}, a bare {@code callLater} + {@code cancel} on the loop's timer heap; {@code wheel}, a
 * bare {@code newTimeout} + {@code cancel} on Netty's {@code HashedWheelTimer}; and {@code live-heap}
 * / {@code live-wheel}, the same with all of them armed at once before any is cancelled (the heap is
 * then {@code size} deep). Each figure is the median of {@value #ROUNDS} rounds, the five taking
 * turns within each round, so that a busy machine weighs on all of them alike. The wheel's figures
 * leave out the work its own thread does with each cancellation, and a wheel timeout that fires would
 * still have to cross to the loop's thread.
 *
 * <pre>{@code
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -jar aioloop-bench.jar timeouts
 * timeouts aioloop scope=320 heap=177 wheel=257 live-heap=605 live-wheel=69 ns/timeout
 * }</pre>
 */
public final class Timeouts implements Workload {
    private static final int ROUNDS = 5;
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
        try {
            long[][] nanos = new long[5][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                nanos[0][round] = scope(loop, size);
                nanos[1][round] = heap(loop, size);
                nanos[2][round] = wheel(size, false);
                nanos[3][round] = liveHeap(loop, size);
                nanos[4][round] = wheel(size, true);
            }
            double[] perTimeout = new double[5];
            for (int i = 0; i < 5; i++) {
                Arrays.sort(nanos[i]);
                perTimeout[i] = nanos[i][ROUNDS / 2] / (double) size;
            }
            return String.format("scope=%.0f heap=%.0f wheel=%.0f live-heap=%.0f live-wheel=%.0f ns/timeout",
                    perTimeout[0], perTimeout[1], perTimeout[2], perTimeout[3], perTimeout[4]);
        } finally {
            loop.close();
        }
    }

    private static long scope(Loop loop, int size) throws Exception {
        return loop.runUntilComplete(() -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < size; i++) {
                int value = i;
                sink += Asyncio.timeout(DELAY).run(() -> value);
            }
            return System.nanoTime() - t0;
        });
    }

    private static long heap(Loop loop, int size) throws Exception {
        Runnable callback = () -> sink++;
        return loop.runUntilComplete(() -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < size; i++) {
                loop.callLater(DELAY, callback).cancel();
            }
            return System.nanoTime() - t0;
        });
    }

    private static long liveHeap(Loop loop, int size) throws Exception {
        Runnable callback = () -> sink++;
        return loop.runUntilComplete(() -> {
            TimerHandle[] armed = new TimerHandle[size];
            long t0 = System.nanoTime();
            for (int i = 0; i < size; i++) {
                // Spread deadlines, so that the heap is not one long run of equal keys.
                armed[i] = loop.callLater(DELAY + (i % 1000) * 1e-3, callback);
            }
            for (TimerHandle h : armed) {
                h.cancel();
            }
            return System.nanoTime() - t0;
        });
    }

    /**
     * Arms and cancels {@code size} timeouts on a wheel of its own, one after the other or all armed
     * first. The wheel is stopped, untimed, afterwards: its thread moves at most 100,000 new timeouts
     * a tick (100 ms) from its queue to the wheel, cancelled or not, so a million cancelled ones would
     * stay in memory for a second and weigh on the next figures.
     */
    private static long wheel(int size, boolean allArmedFirst) {
        HashedWheelTimer wheel = new HashedWheelTimer();
        try {
            TimerTask task = t -> sink++;
            io.netty.util.Timeout[] armed = allArmedFirst ? new io.netty.util.Timeout[size] : null;
            long t0 = System.nanoTime();
            for (int i = 0; i < size; i++) {
                io.netty.util.Timeout t = wheel.newTimeout(task, (long) (DELAY * 1000) + i % 1000, TimeUnit.MILLISECONDS);
                if (armed != null) {
                    armed[i] = t;
                } else {
                    t.cancel();
                }
            }
            if (armed != null) {
                for (io.netty.util.Timeout t : armed) {
                    t.cancel();
                }
            }
            return System.nanoTime() - t0;
        } finally {
            wheel.stop();
        }
    }
}
