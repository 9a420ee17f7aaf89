package dev.aioloop.internal;

import java.util.function.Consumer;

/**
 * Work handed to a loop from a thread that may not be the loop's, when a closed loop means there is
 * nobody left to do it for: a completion whose awaiters went with the loop, a cancellation of a
 * future that can no longer run. Internal, not API: shared by core and the Netty adapter, and may
 * change or go without notice.
 */
public final class Handoff {
    private Handoff() {
    }

    /**
     * Schedules {@code action} with {@code callSoonThreadsafe}, a loop's
     * {@code loop::callSoonThreadsafe}, from any thread.
     *
     * @return false if the loop was closed, so that nothing will run; the caller decides whether
     *         that matters
     */
    public static boolean toLoop(Consumer<Runnable> callSoonThreadsafe, Runnable action) {
        try {
            callSoonThreadsafe.accept(action);
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }
}
