package dev.aioloop.bench;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Asyncio;
import dev.aioloop.Awaitable;
import dev.aioloop.Coroutine;

/** {@code step}: tasks each awaiting {@code sleep(0)} ten times, gathered; nanoseconds per task step. */
public final class Step implements Workload {
    private static final int YIELDS = 10;

    @Override
    public String name() {
        return "step";
    }

    @Override
    public int defaultSize() {
        return 100_000;
    }

    @Override
    public String run(int tasks) throws Exception {
        Coroutine<Void> worker = () -> {
            for (int i = 0; i < YIELDS; i++) {
                sleep(0);
            }
            return null;
        };
        long nanos = Asyncio.run(() -> {
            Awaitable<?>[] workers = new Awaitable<?>[tasks];
            java.util.Arrays.fill(workers, worker);
            long t0 = System.nanoTime();
            await(gather(workers));
            return System.nanoTime() - t0;
        });
        return String.format("%.1f ns/step", nanos / (double) ((long) tasks * (YIELDS + 1)));
    }
}
