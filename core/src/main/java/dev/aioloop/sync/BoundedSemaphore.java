package dev.aioloop.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than acquired: asyncio's
 * {@code BoundedSemaphore}. A release past the initial value is a bug in the caller, reported at once.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(4);
 * pool.acquire();
 * pool.release();
 * pool.release();   // IllegalStateException: released too many times
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A semaphore with {@code value} permits, which is also the most it may hold. */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException if that would exceed the initial value
     */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times: each release() must follow an acquire()");
        }
        super.release();
    }
}
