package dev.aioloop;

import java.lang.ref.Cleaner;

/**
 * Reports a future's failure that nobody retrieved, once the future is garbage: asyncio's
 * "exception was never retrieved". Holds the exception and a description, never the future, so that
 * the future can still be collected.
 */
final class UnretrievedFailure implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Loop loop;
    private final String message;
    private final Throwable exception;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean retrieved;

    private UnretrievedFailure(Future<?> future, Throwable exception) {
        this.loop = future.loop;
        this.message = future instanceof Task<?> t ? "Task exception was never retrieved: " + t.getName()
                : "Future exception was never retrieved";
        this.exception = exception;
        this.cleanable = CLEANER.register(future, this);
    }

    static UnretrievedFailure watch(Future<?> future, Throwable exception) {
        return new UnretrievedFailure(future, exception);
    }

    /** Someone looked at the failure: unregister, with nothing to report. */
    void retrieved() {
        retrieved = true;
        cleanable.clean();
    }

    /** Runs once, on the cleaner's thread after the future became garbage, or from {@link #retrieved()}. */
    @Override
    public void run() {
        if (!retrieved) {
            loop.reportFromAnyThread(new ErrorContext(message, exception, null, null));
        }
    }
}
