package dev.aioloop;

import dev.aioloop.internal.Throwables;
import dev.aioloop.Callbacks.DoneCallback;
import dev.aioloop.Callbacks.Listener;
import dev.aioloop.Callbacks.Several;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The eventual result of an asynchronous operation, bound to one {@link Loop}: asyncio's
 * {@code Future}. Made by {@link Loop#createFuture()}; a {@link Task} is a future whose result a
 * coroutine produces.
 *
 * <p>Not thread-safe: use it on its loop's thread (from another thread, go through
 * {@link Loop#callSoonThreadsafe(Runnable)}). Done callbacks never run inside {@link #setResult}: they
 * are scheduled on the loop, in the order they were added.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * loop.callLater(0.1, () -> f.setResult("ready"));
 * String s = loop.runUntilComplete(f);
 * }</pre>
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> extends ReadyEntry implements Awaitable<T> {
    private static final byte PENDING = 0;
    private static final byte FINISHED = 1;
    private static final byte CANCELLED = 2;
    private static final byte FAILED = 3;

    final Loop loop;
    private byte state;
    // By state: FINISHED, the result; FAILED, the exception; CANCELLED, the message (or null). One
    // slot for the three, as a future has only one of them: 8 bytes less in every future and task.
    private Object outcome;
    // Pending: the listeners. Done: null, or the one done callback the ready queue will run with this
    // future (see scheduleCallbacks).
    private Callbacks callbacks;
    private UnretrievedFailure unretrieved;

    Future(Loop loop) {
        this.loop = loop;
    }

    /** The loop this future belongs to. */
    public final Loop loop() {
        return loop;
    }

    /** Whether the future has a result, an exception, or was cancelled. */
    public final boolean done() {
        return state != PENDING;
    }

    /** Whether the future was cancelled. */
    public final boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result. For a failed future, throws its exception (the same object, checked or not: it is
     * rethrown as is); for a cancelled one, a {@link CancelledError}.
     *
     * @throws InvalidStateError if the future is not done yet
     */
    public final T result() {
        switch (state) {
            case FINISHED:
                return value();
            case FAILED:
                markRetrieved();
                throw Throwables.sneakyThrow((Throwable) outcome);
            case CANCELLED:
                throw cancelledError();
            default:
                throw new InvalidStateError("Result is not set: the future is still pending; await it, or check done() first");
        }
    }

    /**
     * The exception the future failed with, or null if it succeeded.
     *
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if the future is not done yet
     */
    public final Throwable exception() {
        switch (state) {
            case FINISHED:
                return null;
            case FAILED:
                markRetrieved();
                return (Throwable) outcome;
            case CANCELLED:
                throw cancelledError();
            default:
                throw new InvalidStateError("Exception is not set: the future is still pending; await it, or check done() first");
        }
    }

    /**
     * Whether the future failed and nobody has retrieved its exception yet (with {@link #result()},
     * {@link #exception()} or an await): what the loop reports as "exception was never retrieved" once
     * the future is garbage. Asking retrieves nothing; a test harness asks when a test ends, rather
     * than wait for the garbage collector.
     */
    public final boolean hasUnretrievedException() {
        return unretrieved != null;
    }

    /** Cancels the future, with no message. See {@link #cancel(String)}. */
    public final boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks.
     *
     * @param msg the message of the {@link CancelledError} raised to whoever awaits it; may be null
     * @return false if it was already done, true otherwise
     */
    public boolean cancel(String msg) {
        loop.checkThread("Future.cancel()");
        return cancelNow(msg);
    }

    final boolean cancelNow(String msg) {
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        outcome = msg;
        scheduleCallbacks();
        return true;
    }

    /**
     * Marks the future done with a result and schedules its callbacks.
     *
     * @throws InvalidStateError if it is already done
     */
    public void setResult(T value) {
        loop.checkThread("Future.setResult()");
        if (state != PENDING) {
            throw new InvalidStateError("The future is already done (" + describeState() + "): its result can be set once only");
        }
        complete(value);
    }

    /**
     * Marks the future failed and schedules its callbacks. A failure nobody retrieves (by
     * {@link #result()}, {@link #exception()} or an await) is reported to the loop's exception handler,
     * once: when the loop closes, or before if the future is garbage by then.
     *
     * @throws InvalidStateError if it is already done
     * @throws IllegalArgumentException if {@code exception} is null or a {@link CancelledError} (use
     *         {@link #cancel()} for that)
     */
    public void setException(Throwable exception) {
        loop.checkThread("Future.setException()");
        if (exception == null) {
            throw new IllegalArgumentException("setException(null): pass the exception the future failed with");
        }
        if (exception instanceof CancelledError) {
            throw new IllegalArgumentException("A future is cancelled with cancel(), not with setException(CancelledError)");
        }
        if (state != PENDING) {
            throw new InvalidStateError("The future is already done (" + describeState() + "): its exception can be set once only");
        }
        fail(exception);
    }

    final void complete(T value) {
        state = FINISHED;
        outcome = value;
        scheduleCallbacks();
    }

    final void fail(Throwable error) {
        state = FAILED;
        outcome = error;
        scheduleCallbacks();
        unretrieved = UnretrievedFailure.watch(this, error);
    }

    /**
     * Adds a callback run with this future once it is done: scheduled on the loop, never called
     * inside the call that completes the future. If it is already done, the callback is scheduled now.
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback) {
        if (callback == null) {
            throw new IllegalArgumentException("addDoneCallback(null): pass the callback to run when the future is done");
        }
        loop.checkThread("Future.addDoneCallback()");
        DoneCallback cb = new DoneCallback(callback);
        cb.context = Context.of(Context.snapshot(loop));
        addListener(cb);
    }

    /**
     * Removes every registration of {@code callback}.
     *
     * @return how many were removed
     */
    public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
        loop.checkThread("Future.removeDoneCallback()");
        return removeCallback(callback);
    }

    /**
     * A {@link CompletableFuture} of this future's outcome, for code on other threads: completed on
     * the loop's thread when this future is done; cancelling it cancels this future on the loop.
     * Call it on the loop's thread.
     *
     * <pre>{@code
     * CompletableFuture<String> cf = task.toCompletableFuture();
     * cf.thenAccept(System.out::println);
     * }</pre>
     */
    public final CompletableFuture<T> toCompletableFuture() {
        return ThreadBridge.toCompletable(this);
    }

    /** Waits for the future inside a task; see {@link Awaitable#await()}. */
    @Override
    public final T await() throws Exception {
        return Task.awaitFuture(this);
    }

    /**
     * Registers {@code callback} in a holder of its own; a callback registered on many futures is
     * better made a {@link DoneCallback} once and registered with {@link #addListener(Listener)}.
     */
    final void addListener(Consumer<? super Future<T>> callback) {
        addListener(new DoneCallback(callback));
    }

    /** Registers {@code listener}, or schedules it at once if the future is already done. */
    final void addListener(Listener listener) {
        if (state != PENDING) {
            dispatch(listener);
            return;
        }
        callbacks = switch (callbacks) {
            case null -> listener;
            case Listener one -> new Several(one, listener);
            case Several list -> {
                list.add(listener);
                yield list;
            }
        };
    }

    /**
     * Withdraws a registration made by {@link #addListener(Consumer)}. Harmless once the future is
     * done: what was scheduled then runs anyway, whether it was the future's only listener or not.
     */
    final void removeListener(Consumer<? super Future<T>> callback) {
        removeCallback(callback);
    }

    private int removeCallback(Object callback) {
        if (callback == null || state != PENDING) {
            // Once done, the callbacks are scheduled: removing one no longer stops it, as in asyncio.
            return 0;
        }
        return switch (callbacks) {
            case null -> 0;
            case DoneCallback cb when cb.holds(callback) -> {
                callbacks = null;
                yield 1;
            }
            case Listener other -> 0;
            case Several list -> {
                int before = list.size();
                list.removeIf(l -> l instanceof DoneCallback cb && cb.holds(callback));
                yield before - list.size();
            }
        };
    }

    /** Withdraws the registration of a task, or of a shared callback; harmless once the future is done. */
    final void removeListener(Listener listener) {
        if (state != PENDING) {
            return;
        }
        switch (callbacks) {
            case Several list -> list.remove(listener);
            case null -> { }
            case Listener one -> {
                if (one == listener) {
                    callbacks = null;
                }
            }
        }
    }

    private void scheduleCallbacks() {
        switch (callbacks) {
            case null -> { }
            case Task<?> task -> {
                callbacks = null;
                loop.enqueueReady(task);
            }
            // One done callback, the usual case (each child of a gather has one): the future itself
            // waits in the ready queue and keeps the callback until it runs, so that completing a
            // future makes no handle.
            case DoneCallback one -> loop.enqueueReady(this);
            case Several list -> {
                callbacks = null;
                for (Listener listener : list) {
                    dispatch(listener);
                }
            }
        }
    }

    /**
     * Who awaits this pending future, for call graphs: the tasks suspended on it, and the futures
     * that wait through a done callback naming them (a gather, a task group's parent). In order.
     */
    final List<Future<?>> awaiters() {
        List<Future<?>> found = new ArrayList<>();
        if (state != PENDING) {
            return found;
        }
        switch (callbacks) {
            case null -> { }
            case Listener one -> addAwaiter(one, found);
            case Several list -> {
                for (Listener l : list) {
                    addAwaiter(l, found);
                }
            }
        }
        return found;
    }

    private static void addAwaiter(Listener listener, List<Future<?>> found) {
        Future<?> awaiter = switch (listener) {
            case Task<?> task -> task;
            case DoneCallback cb -> cb.awaiter;
        };
        if (awaiter != null && !found.contains(awaiter)) {
            found.add(awaiter);
        }
    }

    /** In the ready queue, a done future runs its one done callback. */
    @Override
    void runReady() {
        runDoneCallback();
    }

    /** Runs the one done callback that {@link #scheduleCallbacks} left waiting; called by the loop. */
    final void runDoneCallback() {
        if (callbacks instanceof DoneCallback cb) {
            callbacks = null;
            cb.run(this);
        }
    }

    private void dispatch(Listener listener) {
        switch (listener) {
            case Task<?> task -> loop.enqueueReady(task);
            // The first callback of a done future waits in the ready queue as the future itself, as in
            // scheduleCallbacks: a gather of tasks already done (eager ones) makes no handle per child.
            case DoneCallback cb when callbacks == null -> {
                callbacks = cb;
                loop.enqueueReady(this);
            }
            case DoneCallback cb -> loop.enqueueReady(new Handle(loop, () -> cb.run(this)));
        }
    }

    /** The value of a finished future, or its failure thrown; marks a failure retrieved. */
    final T resultForAwait() throws Exception {
        switch (state) {
            case CANCELLED -> throw cancelledError();
            case FAILED -> {
                markRetrieved();
                throw Throwables.sneakyThrow((Throwable) outcome);
            }
            default -> {
                return value();
            }
        }
    }

    // Only complete(T) stores a finished future's outcome.
    @SuppressWarnings("unchecked")
    private T value() {
        return (T) outcome;
    }

    /** The error a cancelled future raises; called on cancelled futures only. */
    final CancelledError cancelledError() {
        return new CancelledError((String) outcome);
    }

    /** This future's cancellation error if it was cancelled, else a plain one. */
    final CancelledError cancelledErrorOrNew() {
        return state == CANCELLED ? cancelledError() : new CancelledError();
    }

    final void markRetrieved() {
        UnretrievedFailure u = unretrieved;
        if (u != null) {
            unretrieved = null;
            u.retrieved();
        }
    }

    String describeState() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed with " + outcome;
            default -> "finished with " + describeResult();
        };
    }

    private String describeResult() {
        // Only a plain value is spelled out: a collection or an object can be huge, or hold this very
        // future, and describing it would recurse forever (asyncio bounds its repr for the same reason).
        Object r = outcome;
        return r == null || r instanceof Number || r instanceof Boolean || r instanceof CharSequence || r instanceof Enum<?>
                ? "result " + r : "a " + r.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describeState() + "]";
    }
}
