package dev.aioloop.queues;

/** Raised by a put into, or get from an empty, queue that was shut down. */
public final class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueShutDown(String message) {
        super(message);
    }
}
