package dev.aioloop.sync;

/**
 * A {@link Barrier} was aborted or reset while a task waited at it, or is broken.
 *
 * <pre>{@code
 * try {
 *     barrier.await();
 * } catch (BrokenBarrierError e) {
 *     // another task called abort() or reset(): give up this round
 * }
 * }</pre>
 */
public final class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenBarrierError(String message) {
        super(message);
    }
}
