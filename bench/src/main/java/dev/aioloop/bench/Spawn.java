package dev.aioloop.bench;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.gather;

import dev.aioloop.Asyncio;
import dev.aioloop.Awaitable;
import dev.aioloop.Coroutine;
import java.util.List;

/**
 * {@code spawn}: tasks that return at once, gathered; nanoseconds per task. {@code spawn-eager} is the
 * same under {@link Asyncio#eagerTaskFactory}: each task ends inside its creation, with no trip through
 * the ready queue (aioloop only: the anchors have no such variant).
 */
public final class Spawn implements Workload {
    private final boolean eager;

    /** {@code spawn}. */
    public Spawn() {
        this(false);
    }

    Spawn(boolean eager) {
        this.eager = eager;
    }

    @Override
    public String name() {
        return eager ? "spawn-eager" : "spawn";
    }

    @Override
    public int defaultSize() {
        return 1_000_000;
    }

    @Override
    public String run(int tasks) throws Exception {
        long nanos = Asyncio.run(() -> {
            if (eager) {
                Asyncio.getRunningLoop().setTaskFactory(Asyncio::eagerTaskFactory);
            }
            Awaitable<?>[] leaves = new Awaitable<?>[tasks];
            long t0 = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                long value = i;
                leaves[i] = (Coroutine<Long>) () -> value;
            }
            List<Object> results = await(gather(leaves));
            long dt = System.nanoTime() - t0;
            long sum = 0;
            for (Object r : results) {
                sum += (Long) r;
            }
            if (sum != (long) tasks * (tasks - 1) / 2) {
                throw new IllegalStateException("spawn: the tasks' results add up to " + sum + ", not the expected sum");
            }
            return dt;
        });
        return String.format("%.1f ns/task", nanos / (double) tasks);
    }
}
