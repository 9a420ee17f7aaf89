package dev.aioloop;

import dev.aioloop.internal.Throwables;
import java.util.Set;

/**
 * Runs top-level coroutines, one after the other, on one loop of its own, then shuts that loop
 * down: asyncio's {@code Runner} (Python 3.11). {@link Asyncio#run(Coroutine)} is one runner for
 * one coroutine; a runner of its own serves a program, a REPL or a test whose several runs share a
 * loop, its tasks and whatever state lives on it.
 *
 * <ul>
 * <li>The loop is made on first use ({@link #run} or {@link #getLoop()}) with
 *     {@link Asyncio#newEventLoop()}, and set as the calling thread's loop.</li>
 * <li>{@link #run} runs the loop until its coroutine is done and returns its result or throws its
 *     exception (the same object). The loop's other tasks run meanwhile; those still pending when a
 *     run returns are neither cancelled nor awaited: they stay pending, and go on in the next run.</li>
 * <li>{@link #close()} cancels the tasks still pending and runs the loop until they have finished
 *     (their {@code finally} blocks run, even ones that await), lets the calls still running on the
 *     default executor finish (see {@link Asyncio#toThread}) for at most
 *     {@value #EXECUTOR_JOIN_SECONDS} seconds, closes the loop and leaves the thread with no loop
 *     set. A task that fails while being cancelled goes to the loop's exception handler. Idempotent;
 *     a closed runner refuses to run again.</li>
 * <li>Ctrl-C during a run, in the main thread, ends the run with {@link KeyboardInterrupt} at once
 *     and leaves the tasks as they are; {@link #close()} then cancels them all together (asyncio's
 *     runner cancels the main task only, and lets it clean up while the others still run).</li>
 * </ul>
 *
 * <p>Use a runner on one thread: its loop belongs to the thread that first runs it.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     Connection c = runner.run(connect());
 *     runner.run(serve(c));      // the tasks connect() left running are still there
 * }                              // then cancelled, and the loop closed
 * }</pre>
 */
public final class Runner implements AutoCloseable {
    private static final long EXECUTOR_JOIN_SECONDS = 300;

    private final String runName;
    private final String shutdownName;
    private Loop loop;
    private boolean closed;

    /** A runner whose loop is made on first use. */
    public Runner() {
        this("Runner.run()", "Runner.close()");
    }

    /** For {@link Asyncio#run}, whose refusals and reports name it rather than a runner it never showed. */
    Runner(String runName, String shutdownName) {
        this.runName = runName;
        this.shutdownName = shutdownName;
    }

    /**
     * Runs {@code coroutine} on the runner's loop, as a task of it, until it is done; see the class
     * comment for what happens to the other tasks.
     *
     * @throws IllegalStateException if a loop is running in this thread (a coroutine awaits instead),
     *         or if the runner is closed
     * @throws KeyboardInterrupt on Ctrl-C while the main thread runs it
     */
    public <T> T run(Coroutine<T> coroutine) throws Exception {
        if (coroutine == null) {
            throw new IllegalArgumentException("run(null): pass the coroutine to run");
        }
        if (ThreadLoops.current().runningLoop() != null) {
            throw new IllegalStateException(runName
                    + " cannot be called from a running event loop: await the coroutine instead");
        }
        return loop().runUntilComplete(coroutine);
    }

    /** {@link #run(Coroutine)} for a body with no result. */
    public void run(AsyncRunnable body) throws Exception {
        run(Bodies.of(body, "run"));
    }

    /**
     * The runner's loop, made and set as the thread's loop if this is the runner's first use.
     *
     * @throws IllegalStateException if the runner is closed
     */
    public Loop getLoop() {
        return loop();
    }

    private Loop loop() {
        if (closed) {
            throw new IllegalStateException("The Runner is closed: its loop is gone; make a new Runner to run more");
        }
        if (loop == null) {
            loop = Asyncio.newEventLoop();
            Asyncio.setEventLoop(loop);
        }
        return loop;
    }

    /**
     * Cancels the pending tasks and lets them finish, waits for the default executor, closes the
     * loop and unsets the thread's loop; does nothing the second time. A runner never used has no
     * loop to shut down, but is closed all the same.
     *
     * @throws IllegalStateException if called while the runner's loop runs (from one of its tasks):
     *         it would cancel the very task that asked; close after {@link #run} returns
     * @throws KeyboardInterrupt on Ctrl-C during the shutdown, or what else it raised (rethrown as
     *         is, undeclared, as {@link Future#result()} does); the loop is closed anyway
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        Loop l = loop;
        if (l == null) {
            closed = true;
            return;
        }
        if (l.isRunning()) {
            throw new IllegalStateException("Runner.close() cannot be called while the runner's loop runs: "
                    + "close the runner after run() returns");
        }
        try {
            cancelAll(l);
            awaitDefaultExecutor(l);
        } catch (Exception e) {
            // Declared by the runs, raised by none of these (a gather with returnExceptions, a join
            // that completes with a boolean): close() declares nothing, so that try-with-resources on
            // a runner needs no catch for it, nor draws javac's try lint (Exception covers
            // InterruptedException).
            throw Throwables.sneakyThrow(e);
        } finally {
            closed = true;
            loop = null;
            l.close();
            Asyncio.setEventLoop(null);
        }
    }

    private void cancelAll(Loop l) throws Exception {
        Set<Task<?>> tasks = l.liveTasks();
        if (tasks.isEmpty()) {
            return;
        }
        for (Task<?> t : tasks) {
            t.cancel();
        }
        l.runUntilComplete(Gathering.on(l, true, tasks.toArray(new Awaitable<?>[0])));
        for (Task<?> t : tasks) {
            if (!t.cancelled() && t.exception() != null) {
                l.callExceptionHandler(new ErrorContext("unhandled exception during " + shutdownName,
                        t.exception(), t, null));
            }
        }
    }

    /** Joins the default executor, the loop running on meanwhile. */
    private static void awaitDefaultExecutor(Loop l) throws Exception {
        l.runUntilComplete(l.shutdownDefaultExecutor(EXECUTOR_JOIN_SECONDS));
    }
}
