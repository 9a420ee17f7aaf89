package dev.aioloop.demo;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real SIGINT, as a person's Ctrl-C: raised in this process, it takes the JVM's signal path, the
 * one the loop listens to while the main thread runs it. The thread that raises it is started
 * beforehand, so that {@link #raiseAfter(double)}, called once the timer runs, costs the timed part
 * no class loading or thread start.
 */
final class Sigint {
    // sun.misc.Signal by reflection: javac warns at every mention of it by name ("internal proprietary
    // API"), a warning that no option or annotation silences.
    private static final Object INT;
    private static final MethodHandle RAISE;
    private static final int INT_NUMBER;

    static {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            INT = signal.getConstructor(String.class).newInstance("INT");
            RAISE = MethodHandles.publicLookup().findStatic(signal, "raise", MethodType.methodType(void.class, signal));
            INT_NUMBER = (int) signal.getMethod("getNumber").invoke(INT);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
            raise();
        }
    }

    private static void raise() {
        try {
            RAISE.invoke(INT);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sun.misc.Signal.raise failed", e);
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
                    return (mask & (1L << (INT_NUMBER - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
