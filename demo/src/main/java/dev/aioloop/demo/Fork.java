package dev.aioloop.demo;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.sleep;
import static dev.aioloop.demo.Timer.showTimer;
import static dev.aioloop.demo.Timer.startTimer;

import dev.aioloop.Coroutine;
import picocli.CommandLine.Command;

/** The notebook's fork: c1 forks c2 with {@code ensureFuture} after one second; runs forever until Ctrl-C. */
@Command(name = "fork", description = "c1 forks c2 with ensureFuture after 1 s; runForever until Ctrl-C")
final class Fork extends InterruptibleScenario {
    /** c1, forking {@code child} after one second (the notebook's c1 forks c2, c1_stop forks c2_stop). */
    static Coroutine<Void> c1(Coroutine<Void> child) {
        return async(() -> {
            showTimer(">>> c1");
            sleep(1);
            showTimer("forking");
            ensureFuture(child);   // fork
            sleep(1);
            showTimer("<<< c1");
        });
    }

    /** Forked by c1 after one second. */
    static Coroutine<Void> c2() {
        return async(() -> {
            showTimer(">>> c2");
            sleep(2);
            showTimer("<<< c2");
        });
    }

    @Override
    void play() {
        ensureFuture(c1(c2()));
        startTimer();
        interruptLater();   // the notebook: "interrupt after 2 s"
        runForeverOrBye();
    }

    @Override
    double notebookInterruptAfter() {
        return 3.5;
    }
}
