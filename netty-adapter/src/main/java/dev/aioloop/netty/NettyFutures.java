package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.internal.Handoff;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;

/**
 * Crossings between asyncio futures and Netty's: a Netty future (a {@code ChannelFuture}, a
 * {@code Promise}) awaited in a task, and an asyncio {@link Future} seen as a Netty {@link Promise}.
 * Cancellation crosses both ways. For {@code CompletableFuture}s and coroutines submitted from other
 * threads, core has {@link Future#toCompletableFuture()} and {@link Asyncio#runCoroutineThreadsafe}.
 *
 * <p>{@code Awaitable} is sealed, so a Netty future is not awaited directly but turned into an
 * asyncio future of the loop first; {@link #await(io.netty.util.concurrent.Future)} does both.
 *
 * <pre>{@code
 * // in a task on the channel's loop
 * NettyFutures.await(channel.writeAndFlush(message));
 *
 * // from any thread, on the channel's loop
 * CompletableFuture<Integer> answer = Asyncio.runCoroutineThreadsafe(() -> 42, Loop.of(channel.eventLoop()));
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
        if (loop == null) {
            throw new IllegalArgumentException("toAwaitable(future, null): pass the loop whose tasks await it");
        }
        Future<T> future = loop.createFuture();
        if (nettyFuture.isDone()) {
            copy(nettyFuture, future);
            return future;
        }
        nettyFuture.addListener(done -> {
            if (loop.nettyExecutor().inEventLoop()) {
                copy(nettyFuture, future);
            } else {
                Handoff.toLoop(loop::callSoonThreadsafe, () -> copy(nettyFuture, future));
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
     * A Netty promise, on the loop's Netty executor, that completes as {@code future} does;
     * cancelling the promise cancels the future. Call it on the loop's thread.
     */
    public static <T> Promise<T> toPromise(Future<T> future) {
        if (future == null) {
            throw new IllegalArgumentException("toPromise(null): pass the asyncio future the promise follows");
        }
        Promise<T> promise = future.loop().nettyExecutor().newPromise();
        // The CompletableFuture bridge already completes at once when the future is done and carries
        // a cancellation back to the loop: the promise only follows it.
        CompletableFuture<T> outcome = future.toCompletableFuture();
        outcome.whenComplete((value, failure) -> {
            if (outcome.isCancelled()) {
                promise.cancel(false);
            } else if (failure != null) {
                promise.tryFailure(failure);
            } else {
                promise.trySuccess(value);
            }
        });
        promise.addListener(p -> {
            if (p.isCancelled()) {
                outcome.cancel(false);
            }
        });
        return promise;
    }
}
