package dev.aioloop;

/**
 * Turns a SIGINT into a {@link KeyboardInterrupt} while the main thread runs a loop, and gives the
 * signal back to the JVM's default handling afterwards. The signal arrives on a JVM thread of its
 * own, so it only raises a flag and wakes the loop; the loop throws between two callbacks, which
 * leaves its state whole. A loop with a SIGINT handler of its own ({@link Loop#addSignalHandler})
 * gets no guard, as asyncio's runner leaves a program's own SIGINT handler alone.
 */
final class SigintGuard implements AutoCloseable {
    private final Object handler;
    private final Object previous;

    private SigintGuard(Object handler, Object previous) {
        this.handler = handler;
        this.previous = previous;
    }

    /** Installs the guard if the calling thread is the main thread; returns null otherwise. */
    static SigintGuard install(Loop loop) {
        if (!ThreadLoops.isMainThread() || loop.handlesSignal("INT")) {
            return null;
        }
        Object handler = SignalHandlers.jvmHandler("aioloop's SIGINT guard", loop::interrupt);
        try {
            return new SigintGuard(handler, SignalHandlers.handle("INT", handler));
        } catch (IllegalArgumentException e) {
            // The JVM runs with -Xrs or the signal is reserved: Ctrl-C keeps its default behaviour.
            return null;
        }
    }

    @Override
    public void close() {
        Object current = SignalHandlers.handle("INT", previous);
        if (current != handler) {
            // A SIGINT handler added during the run (addSignalHandler) replaced the guard: it stays.
            SignalHandlers.handle("INT", current);
        }
    }
}
