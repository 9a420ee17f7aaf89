package dev.aioloop;

/**
 * Raised at an await when the awaiting task, or the future it awaits, is cancelled; what
 * {@link Future#result()} throws for a cancelled future.
 *
 * <p>An {@link Error}, like Python's {@code BaseException}, so that {@code catch (Exception e)} in a
 * coroutine does not swallow a cancellation by accident. A body that catches it and returns normally
 * has declined the cancellation: its task ends with that result.
 *
 * <pre>{@code
 * try {
 *     Asyncio.sleep(10);
 * } catch (CancelledError e) {
 *     release();
 *     throw e;      // stay cancelled
 * }
 * }</pre>
 */
public final class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** A cancellation with no message. */
    public CancelledError() {
        super();
    }

    /** A cancellation carrying the message given to {@code cancel(msg)}; null for none. */
    public CancelledError(String message) {
        super(message);
    }
}
