package dev.aioloop.internal;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handoffs that other threads make to a loop, waiting for the loop's thread: any thread
 * offers, the loop's thread runs them in batches. A flag says whether a wake-up is already on its
 * way, so that only the first offer after the loop last looked pays for one, and producers that
 * find it set only read it: they share no cache line that each of them writes (Netty's own
 * {@code execute} writes its wake-up flag at every call). Internal, not API: the drivers' shared
 * inbox, standalone and hosted.
 */
public final class Inbox {
    private final Queue<Runnable> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    /**
     * Adds a handoff, from any thread.
     *
     * @return true if the caller must wake the loop: no wake-up is on its way since it last
     *         {@linkplain #arm() armed} the inbox
     */
    public boolean offer(Runnable handoff) {
        queue.offer(handoff);
        return claimWakeup();
    }

    /** Takes the right to wake the loop; false if another caller has it. */
    public boolean claimWakeup() {
        return !wakeQueued.get() && wakeQueued.compareAndSet(false, true);
    }

    /** On the loop's thread, before it looks at the inbox: from here on an offer asks for a wake-up. */
    public void arm() {
        wakeQueued.set(false);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** How many handoffs wait: a lower bound while producers offer. */
    public int size() {
        return queue.size();
    }

    /** The oldest handoff, taken out, on the loop's thread; null if none waits. */
    public Runnable poll() {
        return queue.poll();
    }

    /**
     * Runs the handoffs that are there now, oldest first. Later ones wait for the next batch:
     * producers faster than the loop would otherwise hold it here for good.
     */
    public void runBatch() {
        run(queue.size());
    }

    /** Runs every handoff until none is left: for the loop's close, once new ones are refused. */
    public void runAll() {
        run(Integer.MAX_VALUE);
    }

    private void run(int max) {
        for (Runnable handoff; max > 0 && (handoff = queue.poll()) != null; max--) {
            handoff.run();
        }
    }
}
