package dev.aioloop;

import dev.aioloop.internal.Throwables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of child tasks whose lifetime is a block of code: asyncio's {@code TaskGroup}. Made and run by
 * {@link Asyncio#taskGroup(Body)}.
 *
 * <p>The block (the body) runs inline in the current task and starts children with
 * {@link #createTask(Coroutine)}. When it ends, the group waits for every child. The first child that
 * fails cancels the other children and the body (at its current await); once all are done, the
 * failures (those of the children, then the body's own if it failed with something other than the
 * cancellation) are raised together as one {@link ExceptionGroup}. A cancellation of the task from
 * outside is not swallowed: the children are cancelled, and the {@link CancelledError} goes on
 * unless children failed, whose errors then take its place and the cancellation is requested again,
 * to arrive at the task's next await, as in asyncio 3.13. A
 * {@link KeyboardInterrupt} is raised as itself.
 *
 * <p>Why a method taking the body and not a try-with-resources: the group must replace the body's
 * exception (its own cancellation of the body) with the children's failures, which {@code close()}
 * cannot do, and it must await the children, which it does inline in the task.
 *
 * <pre>{@code
 * List<Task<String>> fetches = taskGroup((TaskGroup g) -> List.of(
 *         g.createTask(fetch("/a")),
 *         g.createTask(fetch("/b"))));
 * // here both are done, and neither failed
 * String a = fetches.get(0).result();
 * }</pre>
 */
public final class TaskGroup {
    /**
     * The block a group runs: it starts children with the group it is given.
     *
     * <pre>{@code
     * TaskGroup.Body<Void> body = g -> { g.createTask(worker()); return null; };
     * taskGroup(body);
     * }</pre>
     *
     * @param <T> the block's result
     */
    @FunctionalInterface
    public interface Body<T> {
        /** The block; may await. */
        T run(TaskGroup group) throws Exception;
    }

    /**
     * A block with no result, for {@link Asyncio#taskGroup(VoidBody)}: {@code g -> { g.createTask(a()); }}.
     *
     * <pre>{@code
     * taskGroup(g -> {
     *     g.createTask(worker());
     *     g.createTask(worker());
     * });
     * }</pre>
     */
    @FunctionalInterface
    public interface VoidBody {
        /** The block; may await. */
        void run(TaskGroup group) throws Exception;
    }

    private final Task<?> parent;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    // One callback for every child: registering it allocates nothing per child. It names the parent,
    // which awaits the children, for call graphs.
    private final Callbacks.DoneCallback onTaskDone;
    private Throwable baseError;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private Future<Void> allDone;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
        this.onTaskDone = new Callbacks.DoneCallback(this::taskDone, parent);
    }

    static <T> T run(Body<T> body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("taskGroup(null): pass the block that starts the children");
        }
        TaskGroup group = new TaskGroup(Task.requireCurrent("taskGroup()"));
        T value;
        try {
            value = body.run(group);
        } catch (Throwable e) {
            group.exit(e);
            throw Throwables.sneakyThrow(e);
        }
        group.exit(null);
        return value;
    }

    @SuppressWarnings("overloads") // the twin of Asyncio.taskGroup(VoidBody)
    static void run(VoidBody body) throws Exception {
        if (body == null) {
            throw new IllegalArgumentException("taskGroup(null): pass the block that starts the children");
        }
        run(group -> {
            body.run(group);
            return null;
        });
    }

    /** {@link #createTask(Coroutine, String)} with the default name. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /**
     * Starts {@code coroutine} as a child of this group.
     *
     * @throws IllegalStateException if the group has finished, or is shutting down after a failure or a cancellation
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("This TaskGroup is finished: start children inside its block");
        }
        if (aborting) {
            throw new IllegalStateException("This TaskGroup is shutting down (a child failed, or its task was "
                    + "cancelled): it takes no new children");
        }
        Task<T> task = parent.loop.createTask(coroutine, name);
        tasks.add(task);
        task.addListener(onTaskDone);
        return task;
    }

    /** {@link #createTask(Coroutine)} for a body with no result. */
    public Task<Void> createTask(AsyncRunnable body) {
        return createTask(Bodies.of(body, "createTask"), null);
    }

    /** {@link #createTask(Coroutine, String)} for a body with no result. */
    public Task<Void> createTask(AsyncRunnable body, String name) {
        return createTask(Bodies.of(body, "createTask"), name);
    }

    /** Ends the block: waits for the children, then throws what the group raises, if anything. */
    private void exit(Throwable failure) throws Exception {
        exiting = true;
        if (failure instanceof KeyboardInterrupt && baseError == null) {
            baseError = failure;
        }
        Throwable cancellation = failure instanceof CancelledError ? failure : null;
        if (failure != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            if (allDone == null) {
                allDone = parent.loop.createFuture();
            }
            try {
                Task.awaitFuture(allDone);
            } catch (CancelledError e) {
                if (!aborting) {
                    cancellation = e;
                    abort();
                }
            }
            allDone = null;
        }
        if (baseError != null) {
            throw Throwables.sneakyThrow(baseError);
        }
        // Withdrawn only now (as asyncio 3.13 does): a child may fail, and the group cancel its task,
        // while it waits for the children above.
        if (parentCancelRequested && parent.uncancel() == 0) {
            // The only cancellation the task had was ours: it must not leave the group.
            cancellation = null;
        }
        if (cancellation != null && errors.isEmpty()) {
            throw Throwables.sneakyThrow(cancellation);
        }
        if (failure != null && !(failure instanceof CancelledError)) {
            errors.add(failure);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // A cancellation from outside already reached the body and is about to give way to the
                // group's errors: requested again (the count unchanged), it is raised at the task's next
                // await instead of lost, as asyncio 3.13 does.
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void taskDone(Future<?> task) {
        tasks.remove(task);
        if (allDone != null && tasks.isEmpty() && !allDone.done()) {
            allDone.complete(null);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable e = task.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        if (e instanceof KeyboardInterrupt && baseError == null) {
            baseError = e;
        }
        if (parent.done()) {
            parent.loop.callExceptionHandler(new ErrorContext(
                    "A TaskGroup child failed after its parent task ended", e, task, null));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Cancel the body at its current await, and withdraw that request when the block ends, so
            // that a caller catching the group's errors goes on uncancelled.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }
}
