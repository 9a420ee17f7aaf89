package dev.aioloop.queues;

/** Raised by a put without waiting into a full queue. */
public final class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueFull(String message) {
        super(message);
    }
}
