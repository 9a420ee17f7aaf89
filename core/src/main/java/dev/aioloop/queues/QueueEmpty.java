package dev.aioloop.queues;

/**
 * Raised by a get without waiting from an empty queue.
 *
 * <pre>{@code
 * try {
 *     String next = q.getNowait();
 * } catch (QueueEmpty e) {
 *     // nothing queued: do something else, or q.get(), which waits
 * }
 * }</pre>
 */
public final class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueEmpty(String message) {
        super(message);
    }
}
