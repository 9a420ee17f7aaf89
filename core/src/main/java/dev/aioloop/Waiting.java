package dev.aioloop;

import dev.aioloop.queues.Queue;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Waiting on futures without owning them, behind {@link Asyncio#waitFor}, {@link Asyncio#wait},
 * {@link Asyncio#asCompleted} and {@link Asyncio#shield}: asyncio's {@code tasks} module minus the
 * task itself. Each waits through listeners it removes again, so that a waiter cancelled or timed out
 * leaves nothing behind on the futures it watched; only {@code waitFor} cancels what it waits for.
 */
final class Waiting {
    private Waiting() {
    }

    static <T> T waitFor(Awaitable<T> awaitable, double seconds) throws Exception {
        if (awaitable == null) {
            throw new IllegalArgumentException("waitFor(null, ...): pass a Coroutine or a Future");
        }
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("waitFor(..., NaN): give a number of seconds, or Double.POSITIVE_INFINITY for none");
        }
        if (seconds > 0) {
            return Asyncio.timeout(seconds).run(awaitable::await);
        }
        Task<?> task = Task.requireCurrent("waitFor()");
        Future<T> future = task.loop.toFuture(awaitable);
        if (future.done()) {
            // Done already: its own outcome, a cancellation included, as asyncio's wait_for gives.
            return future.resultForAwait();
        }
        future.cancel();
        awaitDone(future);
        try {
            return future.resultForAwait();
        } catch (CancelledError e) {
            TimeoutError timeout = new TimeoutError("waitFor: no time was given to wait");
            timeout.initCause(e);
            throw timeout;
        }
    }

    /** Suspends the current task until {@code future} is done, without taking its result or failure. */
    static void awaitDone(Future<?> future) throws Exception {
        if (future.done()) {
            return;
        }
        Future<Void> done = future.loop.createFuture();
        Consumer<Future<?>> signal = f -> release(done);
        future.addListener(signal);
        try {
            Task.awaitFuture(done);
        } finally {
            future.removeListener(signal);
        }
    }

    static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen when, double timeout) throws Exception {
        if (futures == null || futures.isEmpty()) {
            throw new IllegalArgumentException("wait(): the collection of futures is empty; pass at least one");
        }
        if (when == null) {
            throw new IllegalArgumentException("wait(): pass FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED");
        }
        if (Double.isNaN(timeout)) {
            throw new IllegalArgumentException("wait(): the timeout is NaN; give seconds, or infinity for none");
        }
        Task<?> task = Task.requireCurrent("wait()");
        Set<Future<T>> fs = new LinkedHashSet<>(futures);
        for (Future<T> f : fs) {
            if (f.loop != task.loop) {
                throw new IllegalArgumentException("wait(): a future belongs to another loop");
            }
        }
        Future<Void> waiter = task.loop.createFuture();
        TimerHandle timer = timeout == Double.POSITIVE_INFINITY ? null
                : task.loop.callLater(timeout, () -> release(waiter));
        int[] left = {fs.size()};
        Consumer<Future<?>> onDone = f -> {
            left[0]--;
            if (left[0] <= 0 || when == ReturnWhen.FIRST_COMPLETED
                    || (when == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                release(waiter);
            }
        };
        for (Future<T> f : fs) {
            f.addListener(onDone);
        }
        try {
            Task.awaitFuture(waiter);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (Future<T> f : fs) {
                f.removeListener(onDone);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new WaitResult<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(pending));
    }

    private static void release(Future<Void> waiter) {
        if (!waiter.done()) {
            waiter.complete(null);
        }
    }

    static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables, double timeout) {
        if (awaitables == null) {
            throw new IllegalArgumentException("asCompleted(null): pass the awaitables");
        }
        Loop loop = Asyncio.currentOrDefaultLoop();
        if (Double.isNaN(timeout)) {
            throw new IllegalArgumentException("asCompleted(): the timeout is NaN; give seconds, or infinity for none");
        }
        Set<Future<T>> todo = new LinkedHashSet<>();
        for (Awaitable<T> a : awaitables) {
            todo.add(loop.toFuture(a));
        }
        int count = todo.size();
        // Each finished future in completion order; an empty Optional for the deadline.
        Queue<Optional<Future<T>>> finished = new Queue<>();
        TimerHandle[] timer = new TimerHandle[1];
        Consumer<Future<?>> onDone = new Consumer<>() {
            @Override
            @SuppressWarnings("unchecked")
            public void accept(Future<?> f) {
                if (todo.remove(f)) {
                    finished.putNowait(Optional.of((Future<T>) f));
                    if (todo.isEmpty() && timer[0] != null) {
                        timer[0].cancel();
                    }
                }
            }
        };
        for (Future<T> f : todo) {
            f.addListener(onDone);
        }
        if (!todo.isEmpty() && timeout != Double.POSITIVE_INFINITY) {
            timer[0] = loop.callLater(timeout, () -> {
                for (Future<T> f : todo) {
                    f.removeListener(onDone);
                    finished.putNowait(Optional.empty());
                }
                todo.clear();
            });
        }
        Coroutine<T> next = () -> {
            Optional<Future<T>> f = finished.get();
            if (f.isEmpty()) {
                throw new TimeoutError("asCompleted: the deadline passed before this one finished");
            }
            return f.get().resultForAwait();
        };
        return Collections.nCopies(count, next);
    }

    static <T> Future<T> shield(Awaitable<T> awaitable) {
        Loop loop = awaitable instanceof Future<T> f ? f.loop : Asyncio.currentOrDefaultLoop();
        Future<T> inner = loop.toFuture(awaitable);
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        Consumer<Future<?>> innerDone = f -> {
            if (outer.cancelled()) {
                if (!inner.cancelled()) {
                    inner.markRetrieved();
                }
                return;
            }
            Outcomes.handOver(inner, outer::complete, outer::fail, () -> outer.cancelNow(null));
        };
        inner.addListener(innerDone);
        outer.addListener((Consumer<Future<?>>) o -> {
            if (!inner.done()) {
                inner.removeListener(innerDone);
            }
        });
        return outer;
    }
}
