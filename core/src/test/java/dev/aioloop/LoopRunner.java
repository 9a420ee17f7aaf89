package dev.aioloop;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A loop run forever by a thread of its own, for tests that talk to it from outside. */
final class LoopRunner implements AutoCloseable {
    final Loop loop;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private LoopRunner(Loop loop, String threadName) {
        this.loop = loop;
        this.thread = new Thread(() -> {
            try {
                loop.runForever();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, threadName);
    }

    /** Starts a new loop on a new thread and waits until it runs. */
    static LoopRunner start(String threadName) {
        LoopRunner runner = new LoopRunner(Asyncio.newEventLoop(), threadName);
        runner.thread.start();
        await().atMost(Duration.ofSeconds(10)).until(runner.loop::isRunning);
        return runner;
    }

    Thread thread() {
        return thread;
    }

    /** Stops the loop from outside and waits for its thread to end; rethrows what the run threw. */
    void stopAndJoin() {
        loop.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !thread.isAlive());
        try {
            // Already ended: joining only makes what the loop's thread wrote visible here.
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new AssertionError("the loop's run failed", e);
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            stopAndJoin();
        }
        loop.close();
    }
}
