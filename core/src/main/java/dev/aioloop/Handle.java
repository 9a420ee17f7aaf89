package dev.aioloop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A callback scheduled on a loop by {@link Loop#callSoon(Runnable)} or
 * {@link Loop#callSoonThreadsafe(Runnable)}; lets it be cancelled before it runs.
 *
 * <p>Confined to the loop's thread, like the loop itself, except the handle of
 * {@code callSoonThreadsafe}, which any thread may cancel: once its {@link #cancel()} has returned,
 * the callback runs only if it had already started.
 *
 * <pre>{@code
 * Handle h = loop.callSoon(() -> System.out.println("maybe"));
 * h.cancel();   // it will not run
 * }</pre>
 */
public sealed class Handle extends ReadyEntry permits TimerHandle, Handle.Threadsafe {
    static final byte CANCELLED = 1;
    static final byte STARTED = 2;

    final Loop loop;
    Runnable callback;
    // CANCELLED for a plain handle; a thread-safe one also sets STARTED, and only atomically.
    byte state;

    Handle(Loop loop, Runnable callback) {
        this.loop = loop;
        this.callback = callback;
    }

    /** Cancels the callback: it will not run. Does nothing if it already started or was cancelled. */
    public void cancel() {
        if ((state & CANCELLED) == 0) {
            state |= CANCELLED;
            callback = null;
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return (state & CANCELLED) != 0;
    }

    /** Marks the handle cancelled as its loop discards it on close, whatever thread closes the loop. */
    void discard() {
        state |= CANCELLED;
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
        return getClass().getSimpleName() + (cancelled() ? "[cancelled]" : "[" + callback + "]");
    }

    /**
     * A handle that crosses threads: run on the loop's driver, it only moves itself to the ready
     * queue. Its state changes atomically, so that a cancel from another thread and the loop's start
     * of the callback cannot both win; its callback is written once, before the handle is handed out,
     * and never cleared.
     */
    static final class Threadsafe extends Handle implements Runnable {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Handle.class, "state", byte.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        Threadsafe(Loop loop, Runnable callback) {
            super(loop, callback);
        }

        @Override
        public void run() {
            loop.enqueueReady(this);
        }

        @Override
        public void cancel() {
            tryCancel();
        }

        /** Cancels; true if this call is what kept the callback from running. */
        boolean tryCancel() {
            return (byte) STATE.getAndBitwiseOr(this, CANCELLED) == 0;
        }

        @Override
        public boolean cancelled() {
            return ((byte) STATE.getAcquire(this) & CANCELLED) != 0;
        }

        @Override
        void discard() {
            tryCancel();
        }

        @Override
        void runReady() {
            if (STATE.compareAndSet(this, (byte) 0, STARTED)) {
                callback.run();
            }
        }
    }
}
