package dev.aioloop;

/**
 * When {@link Asyncio#wait(java.util.Collection, ReturnWhen, double)} returns: asyncio's
 * {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}.
 *
 * <pre>{@code
 * WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED, 5.0);
 * }</pre>
 */
public enum ReturnWhen {
    /** As soon as any future is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future fails (a cancellation is not a failure), or when all are done. */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
