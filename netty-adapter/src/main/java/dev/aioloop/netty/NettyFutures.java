package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import dev.aioloop.Coroutine;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;

/**
 * Crossings between asyncio futures and the others: a Netty future (a {@code ChannelFuture}, a
 * {@code Promise}) awaited in a task, an asyncio {@link Future} seen as a Netty {@link Promise} or a
 * {@link CompletableFuture}, and a coroutine submitted to a loop from another thread (asyncio's
 * {@code run_coroutine_threadsafe}). Cancellation crosses both ways.
 *
 * <p>{@code Awaitable} is sealed, so a Netty future is not awaited directly but turned into an
 * asyncio future of the loop first; {@link #await(io.netty.util.concurrent.Future)} does both.
 *
 * <pre>{@code
 * // in a task on the channel's loop
 * NettyFutures.await(channel.writeAndFlush(message));
 *
 * // from any thread
 * CompletableFuture<Integer> answer = NettyFutures.runCoroutineThreadsafe(() -> 42, Loop.of(channel.eventLoop()));
 * }</pre>
 */
public final class NettyFutures {
    private NettyFutures() {
    }

    /**
     * Awaits a Netty future in the current task: its value, or its failure thrown as is; a cancelled
     * one raises {@code CancelledError}, and cancelling the awaiting task cancels it.
     *
     * @throws IllegalStateException outside a task
     */
    public static <T> T await(io.netty.util.concurrent.Future<T> nettyFuture) throws Exception {
        return toAwaitable(nettyFuture).await();
    }

    /** {@link #toAwaitable(io.netty.util.concurrent.Future, Loop)} on the running loop. */
    public static <T> Future<T> toAwaitable(io.netty.util.concurrent.Future<T> nettyFuture) {
        return toAwaitable(nettyFuture, Asyncio.getRunningLoop());
    }

    /**
     * An asyncio future of {@code loop} that completes as {@code nettyFuture} does; cancelling it
     * cancels the Netty future. Call it on the loop's thread; the Netty future may complete on any.
     */
    public static <T> Future<T> toAwaitable(io.netty.util.concurrent.Future<T> nettyFuture, Loop loop) {
        if (nettyFuture == null) {
            throw new IllegalArgumentException("toAwaitable(null): pass the Netty future to await");
        }
        Future<T> future = loop.createFuture();
        if (nettyFuture.isDone()) {
            copy(nettyFuture, future);
            return future;
        }
        nettyFuture.addListener(done -> {
            if (loop.nettyEventLoop().inEventLoop()) {
                copy(nettyFuture, future);
            } else {
                runOnLoop(loop, () -> copy(nettyFuture, future));
            }
        });
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                nettyFuture.cancel(false);
            }
        });
        return future;
    }

    private static <T> void copy(io.netty.util.concurrent.Future<T> from, Future<T> to) {
        if (to.done()) {
            return;
        }
        if (from.isSuccess()) {
            to.setResult(from.getNow());
        } else if (from.isCancelled()) {
            to.cancel();
        } else {
            to.setException(from.cause());
        }
    }

    /**
     * A Netty promise, on the loop's Netty event loop, that completes as {@code future} does;
     * cancelling the promise cancels the future. Call it on the loop's thread.
     */
    public static <T> Promise<T> toPromise(Future<T> future) {
        Loop loop = future.loop();
        Promise<T> promise = loop.nettyEventLoop().newPromise();
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                promise.cancel(false);
            } else if (f.exception() != null) {
                promise.tryFailure(f.exception());
            } else {
                promise.trySuccess(f.result());
            }
        });
        promise.addListener(p -> {
            if (p.isCancelled()) {
                cancelOnLoop(future);
            }
        });
        return promise;
    }

    /**
     * A {@link CompletableFuture} that completes as {@code future} does; cancelling it cancels the
     * future. Call it on the loop's thread; the result may be used from any.
     */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        CompletableFuture<T> completable = new CompletableFuture<>();
        link(future, completable);
        return completable;
    }

    /**
     * Submits {@code coroutine} to {@code loop} from any thread, as a task of that loop, and returns
     * a {@link CompletableFuture} of its result: asyncio's {@code run_coroutine_threadsafe}.
     * Cancelling the returned future cancels the task.
     *
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, Loop loop) {
        if (coroutine == null) {
            throw new IllegalArgumentException("runCoroutineThreadsafe(null, loop): pass the coroutine to run");
        }
        CompletableFuture<T> completable = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (!completable.isDone()) {
                Task<T> task = loop.createTask(coroutine);
                link(task, completable);
            }
        });
        return completable;
    }

    private static <T> void link(Future<T> future, CompletableFuture<T> completable) {
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                completable.cancel(false);
            } else if (f.exception() != null) {
                completable.completeExceptionally(f.exception());
            } else {
                completable.complete(f.result());
            }
        });
        completable.whenComplete((value, error) -> {
            if (completable.isCancelled()) {
                cancelOnLoop(future);
            }
        });
    }

    private static void cancelOnLoop(Future<?> future) {
        runOnLoop(future.loop(), future::cancel);
    }

    /** Runs {@code action} on the loop's thread soon; nothing happens if the loop is closed. */
    private static void runOnLoop(Loop loop, Runnable action) {
        try {
            loop.callSoonThreadsafe(action);
        } catch (IllegalStateException closed) {
            // The loop is gone, and with it whoever waited on the outcome.
        }
    }
}
