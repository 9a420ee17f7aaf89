package dev.aioloop.queues;

/**
 * Raised by a put without waiting into a full queue.
 *
 * <pre>{@code
 * try {
 *     q.putNowait(item);
 * } catch (QueueFull e) {
 *     dropped++;   // or: q.put(item), which waits for room
 * }
 * }</pre>
 */
public final class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueFull(String message) {
        super(message);
    }
}
