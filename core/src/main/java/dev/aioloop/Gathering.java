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

    Gathering(Loop loop, Future<?>[] children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
        // One callback for every child: registering it allocates nothing per child.
        Callbacks.DoneCallback onChildDone = new Callbacks.DoneCallback(this::childDone);
        for (Future<?> child : children) {
            child.addListener(onChildDone);
        }
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
