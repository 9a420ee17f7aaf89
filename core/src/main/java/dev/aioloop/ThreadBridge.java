package dev.aioloop;

import dev.aioloop.internal.Handoff;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The crossings between a loop's futures and other threads, behind {@link Asyncio#toThread},
 * {@link Asyncio#runCoroutineThreadsafe}, {@link Asyncio#wrapFuture} and
 * {@link Future#toCompletableFuture()}: a {@link CompletionStage} becomes a future of the loop (its
 * completion handed in with {@code callSoonThreadsafe}), and a future of the loop becomes a
 * {@link CompletableFuture}. Cancellation crosses both ways; a loop closed meanwhile swallows what
 * crosses into it, since nobody is left to await it.
 */
final class ThreadBridge {
    private ThreadBridge() {
    }

    static <T> T toThread(Callable<T> call) throws Exception {
        Task<?> task = Task.requireCurrent("toThread()");
        // As asyncio's to_thread: the call runs in a copy of the task's context (runInExecutor's do not).
        Object[] vars = Context.snapshot(task.loop);
        Callable<T> inContext = vars == null || call == null ? call : () -> new Context(vars).run(call);
        return Task.awaitFuture(task.loop.runInExecutor(null, inContext));
    }

    static <T> CompletableFuture<T> submit(Coroutine<T> coroutine, Loop loop) {
        if (coroutine == null || loop == null) {
            throw new IllegalArgumentException("runCoroutineThreadsafe: pass the coroutine and the loop to run it on");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        // Not through Handoff: a closed loop must be reported to the caller, who would wait forever.
        loop.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return;   // cancelled before it could start
            }
            Task<T> task = loop.createTask(coroutine);
            task.addListener((Consumer<Future<T>>) t -> copy(t, result));
            result.whenComplete((v, e) -> {
                if (result.isCancelled()) {
                    cancelFromAnyThread(task);
                }
            });
        });
        return result;
    }

    static <T> Future<T> wrap(CompletionStage<T> stage) {
        if (stage == null) {
            throw new IllegalArgumentException("wrapFuture(null): pass the CompletionStage to await");
        }
        return adopt(Asyncio.getRunningLoop(), stage);
    }

    /** A future of {@code loop} that follows {@code stage}; cancelling it cancels the stage. */
    static <T> Future<T> adopt(Loop loop, CompletionStage<T> stage) {
        StageFuture<T> future = new StageFuture<>(loop, stage);
        loop.stagesOut++;
        stage.whenComplete((value, failure) -> Handoff.toLoop(loop::callSoonThreadsafe, () -> {
            loop.stagesOut--;
            future.settle(value, failure);
        }));
        return future;
    }

    /**
     * A {@link CompletableFuture} that {@code future} completes (on the loop's thread); cancelling it
     * from any thread cancels {@code future} on the loop.
     */
    static <T> CompletableFuture<T> toCompletable(Future<T> future) {
        future.loop.checkThread("toCompletableFuture()");
        CompletableFuture<T> completable = new CompletableFuture<>();
        if (future.done()) {
            // At once: a listener on a done future waits for the loop, which may never run again.
            copy(future, completable);
        } else {
            Consumer<Future<T>> copy = f -> copy(f, completable);
            future.addListener(copy);
        }
        completable.whenComplete((v, e) -> {
            if (completable.isCancelled()) {
                cancelFromAnyThread(future);
            }
        });
        return completable;
    }

    private static <T> void copy(Future<T> from, CompletableFuture<T> to) {
        Outcomes.handOver(from, to::complete, to::completeExceptionally, () -> to.cancel(false));
    }

    static void cancelFromAnyThread(Future<?> future) {
        Handoff.toLoop(future.loop::callSoonThreadsafe, () -> {
            if (!future.done()) {
                future.cancel();
            }
        });
    }

    private static final class StageFuture<T> extends Future<T> {
        private final CompletionStage<T> stage;

        StageFuture(Loop loop, CompletionStage<T> stage) {
            super(loop);
            this.stage = stage;
        }

        @Override
        public boolean cancel(String msg) {
            boolean cancelled = super.cancel(msg);
            if (cancelled) {
                stage.toCompletableFuture().cancel(false);
            }
            return cancelled;
        }

        void settle(T value, Throwable failure) {
            if (done()) {
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CancellationException) {
                cancelNow(null);
            } else if (cause != null) {
                fail(cause);
            } else {
                complete(value);
            }
        }
    }
}
