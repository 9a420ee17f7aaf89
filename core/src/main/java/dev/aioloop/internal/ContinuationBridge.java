package dev.aioloop.internal;

import java.util.Arrays;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The one place that touches {@code jdk.internal.vm}: a one-shot delimited continuation that a task
 * runs its body in, so that an await can suspend the body and the loop can resume it later on the
 * same thread. Not API: subclassed by the task machinery only.
 *
 * <p>Why a raw continuation and not a virtual thread: yielding and resuming one costs tens of
 * nanoseconds on the loop's own thread, where handing a virtual thread back and forth with the loop
 * thread costs tens of microseconds. The price is the run-time flag
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (or {@code =dev.aioloop.core} on the module
 * path). Without it this class fails to load with an {@link IllegalAccessError}, which the task
 * machinery turns into an error naming the flag ({@link JvmFlags}).
 */
public abstract class ContinuationBridge extends Continuation {
    private static final ContinuationScope SCOPE = new ContinuationScope("aioloop");

    /**
     * A continuation that runs {@code entry} when first resumed. The entry is meant to be one object
     * shared by every continuation of a kind, finding its own with {@link #current()}: no per-task
     * Runnable to allocate, and a named class rather than a lambda, so that the entry is one frame on
     * a suspended stack, not two (each frame is bytes in every suspended task's stack chunk, copied at
     * each freeze and thaw).
     */
    protected ContinuationBridge(Runnable entry) {
        super(SCOPE, entry);
    }

    /** Starts or resumes this continuation on the calling thread until it suspends or ends. */
    public final void resume() {
        run();
    }

    /** The continuation the calling code runs in, or null outside any. */
    public static ContinuationBridge current() {
        return (ContinuationBridge) getCurrentContinuation(SCOPE);
    }

    /** Suspends the current continuation; returns when someone resumes it. */
    public static void suspend() {
        Continuation.yield(SCOPE);
    }

    /**
     * The frames of this continuation while it is suspended, innermost first: where its body waits.
     * Empty if it has ended or is mounted (running) now. Call it on the thread that resumes it: the
     * walk mounts the frames for a moment, and a resume meanwhile would fail.
     */
    public final StackTraceElement[] suspendedFrames() {
        if (isDone()) {
            return new StackTraceElement[0];
        }
        try {
            return getStackTrace();
        } catch (IllegalStateException mounted) {
            return new StackTraceElement[0];
        }
    }

    /**
     * The frames of the continuation the caller runs in, innermost first, up to the continuation's
     * entry: the running task's own stack, without the loop's frames beneath it. Empty outside any.
     */
    public static StackTraceElement[] currentFrames() {
        if (current() == null) {
            return new StackTraceElement[0];
        }
        StackTraceElement[] all = Thread.currentThread().getStackTrace();
        int end = 0;
        while (end < all.length && !all[end].getClassName().equals(Continuation.class.getName())) {
            end++;
        }
        // The frames above the walk itself: Thread.getStackTrace and this method.
        int begin = Math.min(2, end);
        return Arrays.copyOfRange(all, begin, end);
    }

    @Override
    protected final void onPinned(Pinned reason) {
        throw new IllegalStateException("await() cannot suspend here (" + reason + "): a task can not await "
                + "while a native frame or a critical section is on its stack; move the await out of it");
    }
}
