package dev.aioloop.demo;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.getEventLoop;
import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.setEventLoop;
import static dev.aioloop.Asyncio.sleep;
import static dev.aioloop.demo.Timer.startTimer;

import dev.aioloop.Coroutine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;

/**
 * One thread, one loop: in a second thread {@code getEventLoop()} fails (it creates a loop in the
 * main thread only), so that thread makes its own with {@code newEventLoop()} and
 * {@code setEventLoop()}; then both loops run side by side, each in its thread.
 */
@Command(name = "threads",
        description = "one loop per thread: getEventLoop() fails in a second thread, which sets a loop of its own")
final class Threads extends Scenario {
    /** What the second thread's loop runs: a job that starts half a second after the main one. */
    static Coroutine<Void> secondJob() {
        return async(() -> {
            sleep(0.5);
            await(Nonempty.job("second", 1));
        });
    }

    @Override
    void prepare() {
        secondJob();
        Nonempty.job("", 0);
    }

    @Override
    void play() throws Exception {
        CountDownLatch secondLoopSet = new CountDownLatch(1);
        CountDownLatch timerStarted = new CountDownLatch(1);
        FutureTask<Void> second = new FutureTask<>(() -> {
            secondThread(secondLoopSet, timerStarted);
            return null;
        });
        new Thread(second, "second").start();
        // The second thread says why it needs a loop of its own and sets one; then both loops start.
        secondLoopSet.await();
        startTimer();
        timerStarted.countDown();
        getEventLoop().runUntilComplete(Nonempty.job("main", 2));
        second.get();
        System.out.println("done");
    }

    private void secondThread(CountDownLatch loopSet, CountDownLatch timerStarted) throws Exception {
        try {
            try {
                getEventLoop();
                throw new AssertionError("getEventLoop() made a loop outside the main thread");
            } catch (IllegalStateException expected) {
                System.out.println("getEventLoop() in thread 'second': " + expected.getMessage());
            }
            setEventLoop(newEventLoop());
            watch(getEventLoop());
        } finally {
            loopSet.countDown();
        }
        timerStarted.await();
        try {
            getEventLoop().runUntilComplete(secondJob());
        } finally {
            getEventLoop().close();
        }
    }
}
