package dev.aioloop.bench;

import static dev.aioloop.Asyncio.await;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;

/**
 * {@code threadsafe}: four threads each hand callbacks to the loop with
 * {@link Loop#callSoonThreadsafe(Runnable)}; callbacks run per second.
 */
public final class Threadsafe implements Workload {
    private static final int PRODUCERS = 4;

    @Override
    public String name() {
        return "threadsafe";
    }

    @Override
    public int defaultSize() {
        return 50_000;
    }

    @Override
    public String run(int perProducer) throws Exception {
        int total = PRODUCERS * perProducer;
        long nanos = Asyncio.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            Future<Void> done = loop.createFuture();
            int[] count = new int[1];
            Runnable tick = () -> {
                if (++count[0] == total) {
                    done.setResult(null);
                }
            };
            Thread[] producers = new Thread[PRODUCERS];
            long t0 = System.nanoTime();
            for (int p = 0; p < PRODUCERS; p++) {
                producers[p] = new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        loop.callSoonThreadsafe(tick);
                    }
                }, "producer-" + p);
                producers[p].start();
            }
            await(done);
            long dt = System.nanoTime() - t0;
            for (Thread t : producers) {
                t.join();
            }
            return dt;
        });
        return String.format("%.0f callbacks/s", total / (nanos / 1e9));
    }
}
