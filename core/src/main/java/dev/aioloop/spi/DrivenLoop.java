package dev.aioloop.spi;

import java.util.Collection;

/**
 * The loop's side of the driver contract: what a {@link Driver} that runs iterations itself (a
 * hosted one) may ask of its loop. A driver run by {@code runForever} needs none of it.
 *
 * <p>Not API: exported to aioloop's own modules only. Every method belongs to the loop's thread.
 */
public interface DrivenLoop {
    /** Runs the loop's one iteration on the calling thread, as that thread's running loop. */
    void runIteration();

    /** Whether callbacks or task steps wait in the ready queue. */
    boolean hasReady();

    /** The earliest timer deadline, in the driver's {@link Driver#nanoTime()}, or {@link Long#MAX_VALUE} for none. */
    long nextDeadline();

    /**
     * Whether work the loop handed to other threads is still out: a call of its executor, a wrapped
     * {@code CompletionStage} not yet complete. A virtual clock does not jump past it.
     */
    boolean awaitsOutside();

    /** Cancels every task not done yet, with {@code message}; their steps become ready. */
    void cancelLiveTasks(String message);

    /** The tasks not done yet, for a message. */
    Collection<?> liveTasks();

    /** Closes the loop from the driver's side, as {@code Loop.close()} does, when what drives it has ended. */
    void closeFromDriver();
}
