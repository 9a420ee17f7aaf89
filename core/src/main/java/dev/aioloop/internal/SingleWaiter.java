package dev.aioloop.internal;

import dev.aioloop.Future;
import dev.aioloop.Loop;

/**
 * Internal to aioloop, not API: the one task a reader (a stream's, a datagram endpoint's) lets wait
 * for incoming data at a time, parked on a future that the data's arrival, the end or a failure
 * completes. Used on the loop's thread only.
 */
public final class SingleWaiter {
    private Future<Void> waiter;

    /**
     * Parks the current task of {@code loop} until {@link #wake} is called.
     *
     * @param busy the error message if another task is already parked here
     * @throws Exception the failure the wake-up gave
     */
    public void await(Loop loop, String busy) throws Exception {
        if (waiter != null) {
            throw new IllegalStateException(busy);
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.await();
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    /** Wakes the parked task, if any: with {@code failure} raised where it waits, or normally if null. */
    public void wake(Throwable failure) {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (w.done()) {
            return;
        }
        if (failure == null) {
            w.setResult(null);
        } else {
            w.setException(failure);
        }
    }
}
