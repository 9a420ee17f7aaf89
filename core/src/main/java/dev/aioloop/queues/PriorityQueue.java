package dev.aioloop.queues;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out its smallest item first: asyncio's {@code PriorityQueue}. Items
 * compare by their natural order, or by the comparator given; equal items come out in no set order.
 *
 * <pre>{@code
 * PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
 * jobs.putNowait(new Job(5, "later"));
 * jobs.putNowait(new Job(1, "first"));
 * Job next = jobs.get();   // "first"
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** An unbounded queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * A queue of at most {@code maxsize} items (0 or less: no bound), smallest first by
     * {@code comparator}; null for the items' natural order.
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(comparator));
    }
}
