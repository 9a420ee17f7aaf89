package dev.aioloop.stress;

import dev.aioloop.Handle;
import dev.aioloop.Loop;

/**
 * The races' shared actor: one {@code callSoonThreadsafe} from a foreign thread, and what became of it,
 * as the outcome ids those races declare.
 */
final class ThreadsafeCallback {
    /** Accepted and run. */
    static final int RAN = 1;
    /** Accepted, then discarded by the loop's close: its handle reads cancelled. */
    static final int CANCELLED = 2;
    /** Refused with IllegalStateException. */
    static final int REFUSED = 3;
    /** Accepted, yet neither run nor cancelled: silently dropped. */
    static final int DROPPED = 0;
    /** Refused, yet a handle was returned. */
    static final int REFUSED_WITH_HANDLE = 4;

    private volatile Handle handle;
    private volatile boolean refused;
    private volatile boolean ran;

    /** Schedules the callback on {@code loop}. */
    void schedule(Loop loop) {
        try {
            handle = loop.callSoonThreadsafe(() -> ran = true);
        } catch (IllegalStateException closed) {
            refused = true;
        }
    }

    /** Whether the callback's fate is known: refused, run or cancelled. */
    boolean settled() {
        Handle h = handle;
        return refused || ran || h != null && h.cancelled();
    }

    /** What became of it, once the actors are done. */
    int outcome() {
        Handle h = handle;
        if (refused) {
            return h == null ? REFUSED : REFUSED_WITH_HANDLE;
        } else if (ran) {
            return RAN;
        }
        return h != null && h.cancelled() ? CANCELLED : DROPPED;
    }
}
