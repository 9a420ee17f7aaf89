package dev.aioloop;

/**
 * A callback scheduled on a loop by {@link Loop#callSoon(Runnable)} or
 * {@link Loop#callSoonThreadsafe(Runnable)}; lets it be cancelled before it runs.
 *
 * <p>Confined to the loop's thread, like the loop itself, except the handle of
 * {@code callSoonThreadsafe}, whose {@link #cancel()} may race with its run and so is best effort.
 *
 * <pre>{@code
 * Handle h = loop.callSoon(() -> System.out.println("maybe"));
 * h.cancel();   // it will not run
 * }</pre>
 */
public sealed class Handle extends ReadyEntry permits TimerHandle, Handle.Threadsafe {
    final Loop loop;
    private Runnable callback;
    private boolean cancelled;

    Handle(Loop loop, Runnable callback) {
        this.loop = loop;
        this.callback = callback;
    }

    /** Cancels the callback: it will not run. Does nothing if it already ran or was cancelled. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            callback = null;
        }
    }

    /** Whether {@link #cancel()} was called. */
    public final boolean cancelled() {
        return cancelled;
    }

    /** Marks the handle cancelled as its loop discards it on close, whatever thread closes the loop. */
    void discard() {
        cancelled = true;
        callback = null;
    }

    /** Runs the callback unless cancelled; the loop catches what it throws. */
    @Override
    void runReady() {
        Runnable cb = callback;
        if (cb != null) {
            cb.run();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (cancelled ? "[cancelled]" : "[" + callback + "]");
    }

    /** A handle that crosses threads: run on the loop's driver, it only moves itself to the ready queue. */
    static final class Threadsafe extends Handle implements Runnable {
        Threadsafe(Loop loop, Runnable callback) {
            super(loop, callback);
        }

        @Override
        public void run() {
            loop.enqueueReady(this);
        }
    }
}
