package dev.aioloop;

/**
 * A future was asked for something its state does not allow: the result of a pending future, or a
 * second result for a future already done.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * f.result();   // InvalidStateError: the future is still pending
 * }</pre>
 */
public final class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An invalid-state error with a message that says what to do instead. */
    public InvalidStateError(String message) {
        super(message);
    }
}
