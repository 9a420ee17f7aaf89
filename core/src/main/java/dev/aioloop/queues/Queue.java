package dev.aioloop.queues;

import dev.aioloop.CancelledError;
import dev.aioloop.Future;
import dev.aioloop.internal.waiting.Waiters;
import dev.aioloop.sync.Event;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A first-in first-out queue between tasks of one loop: asyncio's {@code Queue}. With a positive
 * {@code maxsize}, {@link #put(Object)} waits while the queue is full; {@link #get()} waits while it is
 * empty; the {@code Nowait} forms throw {@link QueueFull} or {@link QueueEmpty} instead. Each item
 * taken may be acknowledged with {@link #taskDone()}, and {@link #join()} waits until every item put
 * was. {@link #shutdown(boolean)} (asyncio 3.13) makes puts fail and, once the queue is empty, gets
 * fail too, with {@link QueueShutDown}.
 *
 * <p>Waiters are woken first come first served. An item is never handed to a waiting getter: the
 * getter is only woken and takes the item itself, so a getter cancelled at that moment leaves the
 * item in the queue and passes the wake-up to the next getter.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(100);
 * createTask(async(() -> { while (true) { String job = q.get(); handle(job); q.taskDone(); } }));
 * q.put("job 1");
 * q.join();   // every job handled
 * }</pre>
 *
 * @param <T> the type of the items; null is not an item
 */
public sealed class Queue<T> permits PriorityQueue, LifoQueue {
    private final java.util.Queue<T> items;
    private final int maxsize;
    private final Waiters<Void> getters = new Waiters<>("queue");
    private final Waiters<Void> putters = new Waiters<>(getters);
    private final Event finished = new Event();
    private int unfinished;
    private boolean shutDown;

    /** An unbounded FIFO queue. */
    public Queue() {
        this(0);
    }

    /** A FIFO queue of at most {@code maxsize} items; 0 or less for no bound. */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    Queue(int maxsize, java.util.Queue<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** The number of items in the queue. */
    public final int qsize() {
        return items.size();
    }

    /** The bound given at creation; 0 or less means none. */
    public final int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no item. */
    public final boolean empty() {
        return items.isEmpty();
    }

    /** Whether the queue holds {@code maxsize} items (never, without a bound). */
    public final boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * Puts {@code item} in the queue, waiting while it is full; must be called inside a task.
     *
     * @throws QueueShutDown if the queue is or gets shut down
     * @throws CancelledError if the task is cancelled while waiting; the item is then not put
     */
    public final void put(T item) {
        waitWhile(this::full, putters, "put()");
        putNowait(item);
    }

    /**
     * Puts {@code item} in the queue at once.
     *
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue was shut down
     */
    public final void putNowait(T item) {
        if (item == null) {
            throw new IllegalArgumentException("A queue does not take null: wrap an absent value in an Optional");
        }
        if (shutDown) {
            throw new QueueShutDown("putNowait(): the queue was shut down");
        }
        if (full()) {
            throw new QueueFull("The queue holds its maxsize of " + maxsize + " items: put() waits for room");
        }
        items.add(item);
        unfinished++;
        finished.clear();
        getters.wake(1, null);
    }

    /**
     * Takes the next item, waiting while the queue is empty; must be called inside a task.
     *
     * @throws QueueShutDown if the queue is shut down and empty
     * @throws CancelledError if the task is cancelled while waiting; no item is then taken
     */
    public final T get() {
        waitWhile(this::empty, getters, "get()");
        return getNowait();
    }

    /**
     * Takes the next item at once.
     *
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is shut down and empty
     */
    public final T getNowait() {
        T item = items.poll();
        if (item == null) {
            if (shutDown) {
                throw new QueueShutDown("getNowait(): the queue was shut down and is empty");
            }
            throw new QueueEmpty("The queue is empty: get() waits for an item");
        }
        putters.wake(1, null);
        return item;
    }

    /**
     * Acknowledges one item taken from the queue as fully handled.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public final void taskDone() {
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called more times than items were put");
        }
        if (--unfinished == 0) {
            finished.set();
        }
    }

    /** Waits until every item put has been acknowledged with {@link #taskDone()}; inside a task. */
    public final void join() {
        if (unfinished > 0) {
            finished.await();
        }
    }

    /**
     * Shuts the queue down (asyncio 3.13): every put, waiting or later, throws {@link QueueShutDown};
     * gets go on until the queue is empty, then throw it too. With {@code immediate}, the items left
     * are dropped (and count as done for {@link #join()}), so gets fail at once.
     */
    public final void shutdown(boolean immediate) {
        shutDown = true;
        if (immediate) {
            while (items.poll() != null) {
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                finished.set();
            }
        }
        // Every waiter wakes to see the shut-down for itself.
        getters.wake(Integer.MAX_VALUE, null);
        putters.wake(Integer.MAX_VALUE, null);
    }

    /**
     * Waits in {@code line} while {@code blocked} holds. A waiter woken and then cancelled before it
     * could act passes its wake-up to the next in line, so that no item or room goes unclaimed.
     */
    private void waitWhile(BooleanSupplier blocked, Waiters<Void> line, String what) {
        while (blocked.getAsBoolean()) {
            if (shutDown) {
                throw new QueueShutDown(what + ": the queue was shut down");
            }
            Future<Void> waiter = line.add();
            try {
                line.park(waiter);
            } catch (CancelledError e) {
                if (!blocked.getAsBoolean() && !waiter.cancelled()) {
                    line.wake(1, null);
                }
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[size=" + items.size() + ", maxsize=" + maxsize
                + (shutDown ? ", shut down" : "") + "]";
    }
}
