package dev.aioloop;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns a SIGINT into a {@link KeyboardInterrupt} while the main thread runs a loop, and gives the
 * signal back to the JVM's default handling afterwards. The signal arrives on a JVM thread of its
 * own, so it only raises a flag and wakes the loop; the loop throws between two callbacks, which
 * leaves its state whole.
 */
final class SigintGuard implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;

    private SigintGuard(SignalHandler previous) {
        this.previous = previous;
    }

    /** Installs the guard if the calling thread is the main thread; returns null otherwise. */
    static SigintGuard install(Loop loop) {
        if (!ThreadLoops.isMainThread()) {
            return null;
        }
        try {
            return new SigintGuard(Signal.handle(INT, sig -> loop.interrupt()));
        } catch (IllegalArgumentException e) {
            // The JVM runs with -Xrs or the signal is reserved: Ctrl-C keeps its default behaviour.
            return null;
        }
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
