package dev.aioloop;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports a future's failure that nobody retrieved, once the future is garbage: asyncio's
 * "exception was never retrieved". Holds the exception and what names the task, never the future,
 * so that the future can still be collected.
 *
 * <p>Most failures are retrieved by the callbacks their completion schedules (an awaiting task, a
 * gather, a task group), so the future is given to the Cleaner, whose registration takes a lock,
 * only if the failure is still unretrieved once those callbacks had their turn. The message is
 * formatted only for a report: naming a task before would undo its lazy naming.
 */
final class UnretrievedFailure implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong REGISTERED = new AtomicLong();

    private final Loop loop;
    private final Throwable exception;
    // 0 for a plain future: task numbers start at 1.
    private final long taskNumber;
    private final String taskName;
    // Only the loop's thread touches it.
    private Cleaner.Cleanable cleanable;
    private volatile boolean retrieved;

    private UnretrievedFailure(Future<?> future, Throwable exception) {
        this.loop = future.loop;
        this.exception = exception;
        if (future instanceof Task<?> t) {
            this.taskNumber = t.number();
            this.taskName = t.explicitName();
        } else {
            this.taskNumber = 0;
            this.taskName = null;
        }
    }

    /**
     * Watches the failure of {@code future}; to be called after its callbacks were scheduled, so
     * that the check queued here comes after them.
     */
    static UnretrievedFailure watch(Future<?> future, Throwable exception) {
        UnretrievedFailure u = new UnretrievedFailure(future, exception);
        Loop loop = future.loop;
        if (loop.isRunning()) {
            loop.enqueueReady(new Handle(loop, () -> u.registerIfUnretrieved(future)));
        } else {
            // No run will come soon to make the check, or perhaps ever (the loop may be closed next).
            u.registerIfUnretrieved(future);
        }
        return u;
    }

    private void registerIfUnretrieved(Future<?> future) {
        if (!retrieved) {
            cleanable = CLEANER.register(future, this);
            REGISTERED.incrementAndGet();
        }
    }

    /** How many failures were given to the Cleaner so far, in this JVM. */
    static long cleanersRegistered() {
        return REGISTERED.get();
    }

    /** Someone looked at the failure: unregister, with nothing to report. */
    void retrieved() {
        retrieved = true;
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            cleanable = null;
            c.clean();
        }
    }

    /** Runs once, on the cleaner's thread after the future became garbage, or from {@link #retrieved()}. */
    @Override
    public void run() {
        if (!retrieved) {
            loop.reportFromAnyThread(new ErrorContext(message(), exception, null, null));
        }
    }

    private String message() {
        if (taskNumber == 0) {
            return "Future exception was never retrieved";
        }
        return "Task exception was never retrieved: " + (taskName != null ? taskName : Task.defaultName(taskNumber));
    }
}
