package dev.aioloop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The future {@link Asyncio#gather} returns: done when every child is, with their results in
 * argument order. Without {@code returnExceptions}, the first failure fails it at once and the other
 * children go on; with it, failures take their place in the list. Cancelling it cancels the children.
 */
final class Gathering extends Future<List<Object>> {
    private final Future<?>[] children;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;

    /** On the loop of the first future among {@code awaitables}, else the running or default loop. */
    static Future<List<Object>> of(boolean returnExceptions, Awaitable<?>[] awaitables) {
        if (awaitables == null) {
            throw new IllegalArgumentException("gather(null): pass the awaitables to wait for (none is an empty array)");
        }
        Loop loop = null;
        for (Awaitable<?> a : awaitables) {
            if (a instanceof Future<?> f) {
                loop = f.loop;
                break;
            }
        }
        return on(loop != null ? loop : Asyncio.currentOrDefaultLoop(), returnExceptions, awaitables);
    }

    /** Coroutines become tasks of {@code loop}; with no awaitables, a future already done with an empty list. */
    static Future<List<Object>> on(Loop loop, boolean returnExceptions, Awaitable<?>[] awaitables) {
        Future<?>[] children = new Future<?>[awaitables.length];
        for (int i = 0; i < awaitables.length; i++) {
            children[i] = loop.toFuture(awaitables[i]);
        }
        if (children.length == 0) {
            Future<List<Object>> none = loop.createFuture();
            none.complete(List.of());
            return none;
        }
        return new Gathering(loop, children, returnExceptions);
    }

    private Gathering(Loop loop, Future<?>[] children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
        // One callback for every child: registering it allocates nothing per child.
        Callbacks.DoneCallback onChildDone = new Callbacks.DoneCallback(this::childDone, this);
        for (Future<?> child : children) {
            child.addListener(onChildDone);
        }
    }

    /** The futures gathered, in argument order: what a call graph shows below the gather. */
    Future<?>[] children() {
        return children.clone();
    }

    @Override
    public boolean cancel(String msg) {
        loop.checkThread("cancel()");
        if (done()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            any |= child.cancel(msg);
        }
        cancelRequested |= any;
        return any;
    }

    private void childDone(Future<?> child) {
        finished++;
        if (done()) {
            if (!child.cancelled()) {
                child.markRetrieved();
            }
            return;
        }
        if (!returnExceptions) {
            if (child.cancelled()) {
                fail(child.cancelledError());
                return;
            }
            Throwable e = child.exception();
            if (e != null) {
                fail(e);
                return;
            }
        }
        if (finished < children.length) {
            return;
        }
        List<Object> results = new ArrayList<>(children.length);
        for (Future<?> c : children) {
            if (c.cancelled()) {
                results.add(c.cancelledError());
            } else {
                Throwable e = c.exception();
                results.add(e != null ? e : c.result());
            }
        }
        if (cancelRequested) {
            // The gather itself was cancelled, though a child declined: the awaiter still sees a cancellation.
            fail(child.cancelledErrorOrNew());
        } else {
            complete(Collections.unmodifiableList(results));
        }
    }
}
