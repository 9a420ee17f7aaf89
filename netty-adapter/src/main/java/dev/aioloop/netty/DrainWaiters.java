package dev.aioloop.netty;

import dev.aioloop.Future;
import dev.aioloop.Loop;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one connection waiting in a drain: woken when the channel becomes writable again, or
 * failed when the connection is lost. Shared by the streams and the message streams; on the loop's
 * thread only.
 */
final class DrainWaiters {
    private final Loop loop;
    private List<Future<Void>> waiters;

    DrainWaiters(Loop loop) {
        this.loop = loop;
    }

    /** Returns at once if {@code channel} is writable, else waits until {@link #wake} is called. */
    void awaitWritable(Channel channel) throws Exception {
        if (channel.isWritable()) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        if (waiters == null) {
            waiters = new ArrayList<>();
        }
        waiters.add(waiter);
        try {
            waiter.await();
        } finally {
            waiters.remove(waiter);
        }
    }

    /** Wakes every waiter: normally with null, or failing each with {@code failure}. */
    void wake(Throwable failure) {
        if (waiters == null) {
            return;
        }
        for (Future<Void> w : List.copyOf(waiters)) {
            if (!w.done()) {
                if (failure == null) {
                    w.setResult(null);
                } else {
                    w.setException(failure);
                }
            }
        }
    }
}
