package dev.aioloop.netty;

import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettyFuturesTest {
    private static <T> Promise<T> completedLater(java.util.function.Consumer<Promise<T>> completion) {
        Promise<T> promise = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
        GlobalEventExecutor.INSTANCE.schedule(() -> completion.accept(promise), 20, TimeUnit.MILLISECONDS);
        return promise;
    }

    @Test
    void awaitingAPromiseCompletedOnAnotherThreadGivesItsValue() throws Exception {
        String value = Asyncio.run(() -> NettyFutures.await(completedLater(p -> p.setSuccess("from netty"))));
        assertEquals("from netty", value);
    }

    @Test
    void aFailedNettyFutureRaisesItsOwnException() {
        IOException failure = new IOException("refused");
        IOException raised = assertThrows(IOException.class,
                () -> Asyncio.run(() -> NettyFutures.await(completedLater(p -> p.setFailure(failure)))));
        assertSame(failure, raised);
    }

    @Test
    void aCancelledNettyFutureRaisesCancelledError() {
        assertThrows(CancelledError.class,
                () -> Asyncio.run(() -> NettyFutures.await(completedLater(p -> p.cancel(false)))));
    }

    @Test
    void aDoneNettyFutureIsAwaitedAtOnce() throws Exception {
        Promise<Integer> done = new DefaultPromise<Integer>(GlobalEventExecutor.INSTANCE).setSuccess(7);
        assertEquals(7, Asyncio.run(() -> NettyFutures.await(done)));
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheNettyFuture() throws Exception {
        Promise<String> never = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
        boolean taskCancelled = Asyncio.run(() -> {
            Task<String> waiter = Asyncio.ensureFuture(() -> NettyFutures.await(never));
            sleep(0.01);
            waiter.cancel();
            try {
                Asyncio.await(waiter);
                return false;
            } catch (CancelledError expected) {
                sleep(0);
                return waiter.cancelled();
            }
        });
        assertTrue(taskCancelled);
        assertTrue(never.isCancelled());
    }

    @Test
    void anAsyncioFutureAsAPromiseCompletesAndCancelsBothWays() throws Exception {
        Promise<String> promise = Asyncio.run(() -> {
            Future<String> future = Asyncio.getRunningLoop().createFuture();
            Promise<String> p = NettyFutures.toPromise(future);
            future.setResult("done");
            sleep(0);
            return p;
        });
        assertEquals("done", promise.getNow());

        boolean cancelled = Asyncio.run(() -> {
            Future<String> future = Asyncio.getRunningLoop().createFuture();
            NettyFutures.toPromise(future).cancel(false);
            try {
                Asyncio.await(future);
                return false;
            } catch (CancelledError expected) {
                return future.cancelled();
            }
        });
        assertTrue(cancelled);
    }

    @Test
    void aDoneFutureAsAPromiseIsCompleteWithoutTheLoopRunningAgain() throws Exception {
        Loop loop = Asyncio.newEventLoop();
        try {
            Task<String> task = loop.createTask(() -> "done");
            loop.runUntilComplete(task);

            assertEquals("done", NettyFutures.toPromise(task).getNow());
        } finally {
            loop.close();
        }
    }

    @Test
    void anAsyncioFutureAsACompletableFutureCarriesItsFailure() throws Exception {
        IOException failure = new IOException("lost");
        CompletableFuture<Object> completable = Asyncio.run(() -> {
            Future<Object> future = Asyncio.getRunningLoop().createFuture();
            CompletableFuture<Object> c = future.toCompletableFuture();
            future.setException(failure);
            sleep(0);
            return c;
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> completable.get(1, TimeUnit.SECONDS));
        assertSame(failure, e.getCause());
    }

    @Test
    void awaitOutsideATaskIsRefused() {
        Loop loop = Asyncio.newEventLoop();
        try {
            Promise<Integer> p = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> NettyFutures.toAwaitable(p, loop).await());
            assertTrue(e.getMessage().contains("inside a task"), e.getMessage());
        } finally {
            loop.close();
        }
    }
}
