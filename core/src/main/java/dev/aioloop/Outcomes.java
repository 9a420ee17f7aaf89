package dev.aioloop;

import java.util.function.Consumer;

/**
 * The outcome of a done {@link Future} handed to another future-like thing (a
 * {@code CompletableFuture}, a Netty promise, another loop future), which each spell "succeed",
 * "fail" and "cancel" their own way.
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Calls exactly one of the three with the outcome of {@code done}: {@code cancelled} if it was
     * cancelled, else {@code failed} with its exception (marking it retrieved), else
     * {@code succeeded} with its result.
     *
     * @throws dev.aioloop.InvalidStateError if {@code done} is still pending
     */
    static <T> void handOver(Future<T> done, Consumer<? super T> succeeded, Consumer<? super Throwable> failed,
            Runnable cancelled) {
        if (done.cancelled()) {
            cancelled.run();
            return;
        }
        Throwable e = done.exception();
        if (e != null) {
            failed.accept(e);
        } else {
            succeeded.accept(done.result());
        }
    }
}
