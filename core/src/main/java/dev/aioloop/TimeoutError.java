package dev.aioloop;

/** An operation ran out of the time it was given. Unchecked, like every asyncio error. */
public final class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout with no message. */
    public TimeoutError() {
        super();
    }

    /** A timeout with a message. */
    public TimeoutError(String message) {
        super(message);
    }
}
