package dev.aioloop;

import java.io.IOException;

/**
 * Run by {@link UnretrievedAtExitTest}: short programs whose failures nobody retrieved, each ending
 * right after its loop closes, before any garbage collection could report them.
 */
public final class UnretrievedChild {
    private UnretrievedChild() {
    }

    public static void main(String[] args) throws Exception {
        String returned = Asyncio.run(() -> {
            Asyncio.getRunningLoop().createTask(() -> {
                throw new IOException("worker failed");
            }, "worker");
            Asyncio.sleep(0.01);
            return "main done";
        });
        say("run returned " + returned);

        try {
            Asyncio.run(() -> {
                throw new IOException("main failed");
            });
        } catch (IOException e) {
            say("run threw " + e.getMessage());
        }

        try (Runner runner = new Runner()) {
            runner.run(() -> {
                Asyncio.getRunningLoop().createTask(() -> {
                    throw new IOException("left by the first run");
                }, "first run's");
            });
            runner.run(() -> Asyncio.sleep(0.01, null));
            say("runner ran twice");
        }

        // The task fails in the iteration the loop stops in: its check for a retrieval is still in the
        // ready queue when the close discards the queue.
        Loop loop = Asyncio.newEventLoop();
        loop.createTask(() -> {
            throw new IOException("failed as the loop stopped");
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        loop.close();
        say("loop closed");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
