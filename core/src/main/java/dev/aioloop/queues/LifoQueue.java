package dev.aioloop.queues;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that hands out the item put last first: asyncio's {@code LifoQueue}, a stack.
 *
 * <pre>{@code
 * LifoQueue<String> stack = new LifoQueue<>();
 * stack.putNowait("a");
 * stack.putNowait("b");
 * String top = stack.getNowait();   // "b"
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class LifoQueue<T> extends Queue<T> {
    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }

    /** A stack of at most {@code maxsize} items; 0 or less for no bound. */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
