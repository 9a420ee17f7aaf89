package dev.aioloop.demo;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.getEventLoop;
import static dev.aioloop.Asyncio.sleep;
import static dev.aioloop.demo.Timer.showTimer;
import static dev.aioloop.demo.Timer.startTimer;

import dev.aioloop.Coroutine;
import picocli.CommandLine.Command;

/**
 * {@code runUntilComplete} on a loop that already holds a task: it returns when its own coroutine is
 * done, the other task still pending; {@code runForever} then carries that one on.
 */
@Command(name = "nonempty",
        description = "runUntilComplete(short) on a loop holding long, then runForever until Ctrl-C")
final class Nonempty extends InterruptibleScenario {
    /** The notebook's simulated asynchronous job of {@code duration} seconds. */
    static Coroutine<Void> job(String name, double duration) {
        // The messages are made here, so that the scenario's prepare() links their concatenation.
        String starting = ">>> " + name;
        String ending = "<<< " + name;
        return async(() -> {
            showTimer(starting);
            sleep(duration);
            showTimer(ending);
        });
    }

    static Coroutine<Void> shortJob() {
        return async(() -> await(job("short", 1)));
    }

    static Coroutine<Void> longJob() {
        return async(() -> await(job("long", 2)));
    }

    @Override
    void prepare() {
        shortJob();
        job("", 0);
    }

    @Override
    void play() throws Exception {
        ensureFuture(longJob());   // fills the loop
        startTimer();
        getEventLoop().runUntilComplete(shortJob());
        System.out.println("done");

        startTimer();   // there is still work in the loop
        interruptLater();   // the notebook: "interrupt after 1 s"
        runForeverOrBye();
    }

    @Override
    double notebookInterruptAfter() {
        return 1.5;
    }
}
