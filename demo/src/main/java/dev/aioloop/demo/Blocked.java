package dev.aioloop.demo;

import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.setEventLoop;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Not from the notebook: what debug mode and the blocked-loop watchdog say when a callback blocks
 * the loop's thread. A ticker task prints every 0.5 s; at 0.6 s a callback calls
 * {@code Thread.sleep(1.5 s)}, as blocking I/O would; the watchdog reports the block at 1 s into it
 * with the loop thread's stack (the culprit's frame first among the user's), and once the callback
 * returns, debug mode logs it as a slow callback. The ticks meanwhile come late.
 */
@Command(name = "blocked",
        description = "not from the notebook: a callback blocks the loop 1.5 s in debug mode; the watchdog names its frame")
final class Blocked implements Callable<Integer> {

    /** The culprit: blocking I/O on the loop's thread, here a sleep. */
    static void readConfigTheOldWay() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Integer call() throws Exception {
        // One line per log record, on standard error: the JDK's default takes two and a date.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        Loop loop = newEventLoop();
        setEventLoop(loop);
        loop.setDebug(true);
        try {
            double start = loop.time();
            loop.callLater(0.6, Blocked::readConfigTheOldWay);
            loop.runUntilComplete(loop.createTask(() -> {
                for (int tick = 1; tick <= 5; tick++) {
                    Asyncio.sleep(0.5);
                    System.out.println(String.format(Locale.ROOT, "tick %d at %.2f s", tick, loop.time() - start));
                }
                return null;
            }, "ticker"));
        } finally {
            loop.close();
        }
        return 0;
    }
}
