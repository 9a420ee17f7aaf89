package dev.aioloop.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * A real SIGINT, as a person's Ctrl-C: raised in this process, it takes the JVM's signal path, the
 * one the loop listens to while the main thread runs it. The thread that raises it is started
 * beforehand, so that {@link #raiseAfter(double)}, called once the timer runs, costs the timed part
 * no class loading or thread start.
 */
final class Sigint {
    private static final Signal INT = new Signal("INT");

    private final CountDownLatch armed = new CountDownLatch(1);
    private final Thread raiser = new Thread(this::raiseWhenDue, "sigint");
    private volatile long deadline;
    private volatile boolean cancelled;

    private Sigint() {
        raiser.setDaemon(true);
    }

    /** A SIGINT ready to be raised, its daemon thread waiting for {@link #raiseAfter(double)}. */
    static Sigint prepare() {
        Sigint sigint = new Sigint();
        sigint.raiser.start();
        return sigint;
    }

    /**
     * Drops the SIGINT if it has not been raised yet: a run that a person's Ctrl-C ended early must
     * not leave it to strike the next scenario.
     */
    void cancel() {
        cancelled = true;
        raiser.interrupt();
    }

    /** Raises the SIGINT {@code seconds} from now. */
    void raiseAfter(double seconds) {
        deadline = System.nanoTime() + (long) (seconds * 1e9);
        armed.countDown();
    }

    private void raiseWhenDue() {
        try {
            armed.await();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            return;
        }
        if (!cancelled) {
            Signal.raise(INT);
        }
    }

    /**
     * Whether this process ignores SIGINT, as a JVM started in the background by a non-interactive
     * shell does: the JVM then installs no handler for it, so neither Ctrl-C nor a raised SIGINT would
     * ever reach the loop. Known on Linux only (from /proc); false elsewhere.
     */
    static boolean ignoredInThisProcess() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (INT.getNumber() - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
