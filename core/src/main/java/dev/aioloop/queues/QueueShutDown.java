package dev.aioloop.queues;

/**
 * Raised by a put into a queue that was shut down, or a get from one that is also empty (asyncio 3.13).
 *
 * <pre>{@code
 * try {
 *     while (true) handle(q.get());
 * } catch (QueueShutDown e) {
 *     // q.shutdown() was called and every item was taken: the consumer ends
 * }
 * }</pre>
 */
public final class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueShutDown(String message) {
        super(message);
    }
}
