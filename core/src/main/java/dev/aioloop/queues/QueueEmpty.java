package dev.aioloop.queues;

/** Raised by a get without waiting from an empty queue. */
public final class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueEmpty(String message) {
        super(message);
    }
}
