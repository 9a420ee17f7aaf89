package dev.aioloop.bench;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Asyncio;
import dev.aioloop.Awaitable;
import dev.aioloop.Coroutine;

/**
 * {@code async-tree}, pyperformance's {@code async_tree} ("none" variant): a tree of gathers, depth 5
 * and branching 5 (3,906 tasks), each of its 3,125 leaves awaiting {@code sleep(0)}; microseconds per
 * tree. {@code async-tree-eager} is the same under {@link Asyncio#eagerTaskFactory}. Its anchors are
 * this module's own: {@code src/main/python/async_tree.py} (asyncio, uvloop) and
 * {@code src/main/kotlin/AsyncTree.kt} (Kotlin, {@code CoroutineStart.UNDISPATCHED} for eager).
 */
final class AsyncTree implements Workload {
    static final int DEPTH = 5;
    static final int BRANCHES = 5;

    private final boolean eager;

    AsyncTree(boolean eager) {
        this.eager = eager;
    }

    @Override
    public String name() {
        return eager ? "async-tree-eager" : "async-tree";
    }

    /** Trees per run. */
    @Override
    public int defaultSize() {
        return 20;
    }

    @Override
    public String run(int trees) throws Exception {
        long nanos = Asyncio.run(() -> {
            if (eager) {
                Asyncio.getRunningLoop().setTaskFactory(Asyncio::eagerTaskFactory);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < trees; i++) {
                await(node(DEPTH));
            }
            return System.nanoTime() - t0;
        });
        return String.format("%.1f us/tree", nanos / 1e3 / trees);
    }

    private static Coroutine<Void> node(int level) {
        return () -> {
            if (level == 0) {
                sleep(0);
                return null;
            }
            Awaitable<?>[] children = new Awaitable<?>[BRANCHES];
            for (int i = 0; i < BRANCHES; i++) {
                children[i] = node(level - 1);
            }
            await(gather(children));
            return null;
        };
    }
}
