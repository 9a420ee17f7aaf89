package dev.aioloop;

import dev.aioloop.internal.Handoff;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports a future's failure that nobody retrieved: asyncio's "exception was never retrieved". Holds
 * the exception and what names the task, never the future, so that the future can still be
 * collected. A failure is reported once, at the first of two moments: the future became garbage, or
 * its loop closed (a short program never reaches a garbage collection, and a closed loop's futures
 * can no longer be awaited).
 *
 * <p>Each loop keeps the failures it still watches in a list ({@link Watched}, the loop's thread
 * only), which its close reports. Most failures are retrieved by the callbacks their completion
 * schedules (an awaiting task, a gather, a task group), so the future is given to the Cleaner, whose
 * registration takes a lock, only if the failure is still unretrieved once those callbacks had their
 * turn. The message is formatted only for a report: naming a task before would undo its lazy naming.
 */
final class UnretrievedFailure implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong REGISTERED = new AtomicLong();

    private final Loop loop;
    private final Throwable exception;
    // 0 for a plain future: task numbers start at 1.
    private final long taskNumber;
    private final String taskName;
    // Whether the loop's list holds it: not for a failure set on a future of a closed loop.
    private final boolean listed;
    // Only the loop's thread touches these.
    private Cleaner.Cleanable cleanable;
    private UnretrievedFailure previous;
    private UnretrievedFailure next;
    // Retrieved or reported: read by the Cleaner's thread.
    private volatile boolean settled;

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
        this.listed = !loop.isClosed();
    }

    /**
     * Watches the failure of {@code future}; to be called after its callbacks were scheduled, so
     * that the check queued here comes after them.
     */
    static UnretrievedFailure watch(Future<?> future, Throwable exception) {
        UnretrievedFailure u = new UnretrievedFailure(future, exception);
        Loop loop = future.loop;
        if (u.listed) {
            loop.unretrieved.add(u);
        }
        if (loop.isRunning()) {
            loop.enqueueReady(new Handle(loop, () -> u.registerIfUnretrieved(future)));
        } else {
            // No run will come soon to make the check, or perhaps ever (the loop may be closed next).
            u.registerIfUnretrieved(future);
        }
        return u;
    }

    private void registerIfUnretrieved(Future<?> future) {
        if (!settled) {
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
        settle();
    }

    /** Out of the list and away from the Cleaner; false if that was done already. */
    private boolean settle() {
        if (settled) {
            return false;
        }
        settled = true;
        if (listed) {
            loop.unretrieved.remove(this);
        }
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            cleanable = null;
            // Runs run() here unless the Cleaner's thread already has; settled makes it do nothing.
            c.clean();
        }
        return true;
    }

    /**
     * Runs once: on the Cleaner's thread after the future became garbage, or from {@link #settle()}.
     * A listed failure is reported on the loop's thread, where its close may report it first; if the
     * loop refuses the handoff, it is closed, and its close reports it.
     */
    @Override
    public void run() {
        if (settled) {
            return;
        }
        if (!listed) {
            loop.reportFromAnyThread(context());
        } else {
            Handoff.toLoop(loop::callSoonThreadsafe, this::report);
        }
    }

    private void report() {
        if (settle()) {
            loop.callExceptionHandler(context());
        }
    }

    private ErrorContext context() {
        return new ErrorContext(message(), exception, null, null);
    }

    private String message() {
        if (taskNumber == 0) {
            return "Future exception was never retrieved";
        }
        return "Task exception was never retrieved: " + (taskName != null ? taskName : Task.defaultName(taskNumber));
    }

    /**
     * A loop's failures not yet retrieved nor reported, oldest first, linked through the failures
     * themselves so that watching one allocates nothing. The loop's thread only.
     */
    static final class Watched {
        private UnretrievedFailure head;
        private UnretrievedFailure tail;

        void add(UnretrievedFailure u) {
            u.previous = tail;
            if (tail == null) {
                head = u;
            } else {
                tail.next = u;
            }
            tail = u;
        }

        void remove(UnretrievedFailure u) {
            if (u.previous == null) {
                head = u.next;
            } else {
                u.previous.next = u.next;
            }
            if (u.next == null) {
                tail = u.previous;
            } else {
                u.next.previous = u.previous;
            }
            u.previous = null;
            u.next = null;
        }

        /** Reports every failure left, in the order they happened: the loop is closing. */
        void reportAll() {
            for (UnretrievedFailure u; (u = head) != null; ) {
                u.report();
            }
        }
    }
}
