package dev.aioloop.demo;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.getEventLoop;
import static dev.aioloop.demo.Timer.startTimer;

import dev.aioloop.Coroutine;
import picocli.CommandLine.Command;

/** The fork again, but c2 stops the loop when it ends, so that {@code runForever} returns by itself. */
@Command(name = "stop", description = "the same, but c2 calls loop.stop() when it ends; runForever returns by itself")
final class Stop extends Scenario {
    /** c2, then stops the loop it runs on. */
    static Coroutine<Void> c2Stop() {
        return async(() -> {
            await(Fork.c2());
            getEventLoop().stop();
        });
    }

    @Override
    void prepare() {
        Fork.c2();
    }

    @Override
    void play() {
        ensureFuture(Fork.c1(c2Stop()));
        startTimer();
        runForeverOrBye();   // the notebook: "stops by itself"
        System.out.println("done");
    }
}
