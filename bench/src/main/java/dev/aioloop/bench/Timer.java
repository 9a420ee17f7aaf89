package dev.aioloop.bench;

import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Asyncio;
import java.util.Arrays;

/** {@code timer}: sequential {@code sleep(10 ms)}; lateness p50 and p99 in microseconds. */
public final class Timer implements Workload {
    private static final double DELAY = 0.010;

    @Override
    public String name() {
        return "timer";
    }

    @Override
    public int defaultSize() {
        return 300;
    }

    @Override
    public String run(int sleeps) throws Exception {
        double[] late = Asyncio.run(() -> {
            double[] micros = new double[sleeps];
            for (int i = 0; i < sleeps; i++) {
                long t0 = System.nanoTime();
                sleep(DELAY);
                micros[i] = (System.nanoTime() - t0 - DELAY * 1e9) / 1e3;
            }
            return micros;
        });
        Arrays.sort(late);
        return String.format("p50=%.0fus p99=%.0fus", late[sleeps / 2], late[(int) (sleeps * 0.99)]);
    }
}
