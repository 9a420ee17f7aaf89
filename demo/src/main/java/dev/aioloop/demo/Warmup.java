package dev.aioloop.demo;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Loop;
import dev.aioloop.Task;

/**
 * Runs, once and before any timer starts, what a scenario's first timed steps would otherwise pay for
 * on first use: loading the loop's, tasks' and timers' classes, the continuation machinery and the
 * timeline's observer. Without it the first {@code showTimer} of a fresh JVM lags by tens of
 * milliseconds behind the notebook's.
 */
final class Warmup {
    private static boolean done;

    private Warmup() {
    }

    static void once() throws Exception {
        if (done) {
            return;
        }
        done = true;
        Loop loop = newEventLoop();
        try {
            new Timeline().watch(loop);
            loop.runUntilComplete(async(() -> {
                Task<Void> child = ensureFuture(async(() -> sleep(0.001)));
                sleep(0);
                await(child);
                Timer.line(System.nanoTime(), ">>> " + child.getName());
            }));
        } finally {
            loop.close();
        }
    }
}
