package dev.aioloop;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asyncio module as a static facade: where a program starts, and what a coroutine calls.
 *
 * <p>As asyncio's {@code __init__} re-exports its submodules, each function here hands over to the
 * class that owns its concept: {@link #run} to a {@link Runner}; waiting ({@code waitFor},
 * {@code wait}, {@code asCompleted}, {@code shield}), {@code gather} and the thread bridges
 * ({@code toThread}, {@code runCoroutineThreadsafe}, {@code wrapFuture}) to classes of this package.
 * What stays here is the events module: the calling thread's loops, tasks, sleep and await.
 *
 * <p>One thread, one loop. {@link #getEventLoop()} is the calling thread's loop: the running one, else
 * the one set with {@link #setEventLoop(Loop)}; in the main thread, a first call creates one. Another
 * thread must make its own with {@link #newEventLoop()} and {@link #setEventLoop(Loop)}.
 *
 * <pre>{@code
 * import static dev.aioloop.Asyncio.*;
 *
 * static Coroutine<Void> c1() {
 *     return async(() -> {
 *         sleep(1);
 *         ensureFuture(c2());   // fork
 *         sleep(1);
 *     });
 * }
 *
 * ensureFuture(c1());
 * getEventLoop().runForever();
 * }</pre>
 */
public final class Asyncio {
    private Asyncio() {
    }

    // ---- loops ----

    /**
     * The calling thread's loop: the running one, else the one set for this thread. In the main
     * thread, creates and sets one if none was ever set. On a thread of a Netty event loop, the
     * running one is the loop hosted there ({@link Loop#of}).
     *
     * @throws IllegalStateException in another thread with no loop set
     */
    public static Loop getEventLoop() {
        ThreadLoops thread = ThreadLoops.current();
        Loop running = thread.runningLoop();
        if (running != null) {
            return running;
        }
        if (thread.defaultLoop != null) {
            return thread.defaultLoop;
        }
        if (!thread.defaultSet && ThreadLoops.isMainThread()) {
            thread.defaultLoop = newEventLoop();
            thread.defaultSet = true;
            return thread.defaultLoop;
        }
        throw ThreadLoops.noCurrentLoop();
    }

    /** A new standalone loop, driven by whichever thread runs it first. */
    public static Loop newEventLoop() {
        return new Loop(new ManualDriver());
    }

    /**
     * A new standalone loop on virtual time ({@link VirtualClock}): when it has nothing ready and
     * nothing outside it could make work ready, its clock jumps to the next timer instead of waiting.
     * For tests of code that sleeps, retries and times out; {@code VirtualClock.of(loop)} moves the
     * clock on purpose.
     */
    public static Loop newVirtualTimeLoop() {
        return new Loop(new ManualDriver(true));
    }

    /** Sets the calling thread's loop; null clears it. */
    public static void setEventLoop(Loop loop) {
        ThreadLoops thread = ThreadLoops.current();
        thread.defaultLoop = loop;
        thread.defaultSet = true;
    }

    /**
     * The loop running in the calling thread.
     *
     * @throws IllegalStateException if none is running
     */
    public static Loop getRunningLoop() {
        Loop running = ThreadLoops.current().runningLoop();
        if (running == null) {
            throw new IllegalStateException("no running event loop in thread '" + Thread.currentThread().getName()
                    + "': call this from a coroutine or a callback the loop runs");
        }
        return running;
    }

    /**
     * Runs {@code main} on a new loop and returns its result: the program's entry point. Then cancels
     * the tasks still pending, lets them finish, closes the loop and leaves no loop set. One
     * {@link Runner} for one coroutine; see there for the details, Ctrl-C included.
     *
     * @throws IllegalStateException if a loop is running in this thread
     */
    public static <T> T run(Coroutine<T> main) throws Exception {
        try (Runner runner = new Runner("Asyncio.run()", "Asyncio.run() shutdown")) {
            return runner.run(main);
        }
    }

    /**
     * {@link #run(Coroutine)} for a body with no result: {@code Asyncio.run(() -> { sleep(1); })}. A
     * lambda that returns a value picks {@link #run(Coroutine)}, as {@code ExecutorService.submit}
     * picks its {@code Callable}.
     */
    public static void run(AsyncRunnable main) throws Exception {
        run(Bodies.of(main, "run"));
    }

    // ---- tasks ----

    /**
     * Schedules {@code coroutine} as a task of the running loop, or of {@link #getEventLoop()} when no
     * loop runs (before or after the loop is started, as the notebook says).
     */
    public static <T> Task<T> ensureFuture(Coroutine<T> coroutine) {
        return currentOrDefaultLoop().createTask(coroutine);
    }

    /** {@link #ensureFuture(Coroutine)} for a body with no result. */
    public static Task<Void> ensureFuture(AsyncRunnable body) {
        return ensureFuture(Bodies.of(body, "ensureFuture"));
    }

    /** A future is its own future. */
    public static <T> Future<T> ensureFuture(Future<T> future) {
        if (future == null) {
            throw new IllegalArgumentException("ensureFuture(null): pass a Coroutine or a Future");
        }
        return future;
    }

    /**
     * Schedules {@code coroutine} as a task of the running loop.
     *
     * @throws IllegalStateException if no loop is running (use {@link #ensureFuture(Coroutine)} then)
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /** {@link #createTask(Coroutine)} for a body with no result. */
    public static Task<Void> createTask(AsyncRunnable body) {
        return createTask(Bodies.of(body, "createTask"));
    }

    /**
     * The task factory that starts every task eagerly, asyncio 3.12's {@code eager_task_factory}:
     * {@code loop.setTaskFactory(Asyncio::eagerTaskFactory)}. Each new task's body runs at once, in
     * its creator's step, until its first suspension (see
     * {@link Loop#createTask(Coroutine, String, boolean)}); a body that ends without suspending costs
     * no trip through the ready queue. Tasks then start in creation order, before the code that created
     * them goes on, rather than at the loop's next iteration.
     */
    public static Task<?> eagerTaskFactory(Loop loop, Coroutine<?> coroutine, String name, Context context) {
        if (loop == null) {
            throw new IllegalArgumentException("eagerTaskFactory(null, ...): pass the loop, or set it with "
                    + "loop.setTaskFactory(Asyncio::eagerTaskFactory)");
        }
        return loop.newTask(coroutine, name, context, true, "eagerTaskFactory(loop, null, name, context)");
    }

    /** The task running now, or null in a plain callback. */
    public static Task<?> currentTask() {
        return getRunningLoop().currentTask;
    }

    /** The running loop's tasks that are not done yet. */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().liveTasks();
    }

    /** A coroutine with no result, from its body: {@code async(() -> { ... })}. */
    public static Coroutine<Void> async(AsyncRunnable body) {
        if (body == null) {
            throw new IllegalArgumentException("async(null): pass the coroutine's body");
        }
        return () -> {
            body.run();
            return null;
        };
    }

    // ---- inside a coroutine ----

    /** {@link #await(Awaitable)} for a coroutine, so that a lambda can be awaited inline. */
    public static <T> T await(Coroutine<T> coroutine) throws Exception {
        return await((Awaitable<T>) coroutine);
    }

    /** Waits for {@code awaitable} inside a task; see {@link Awaitable#await()}. */
    public static <T> T await(Awaitable<T> awaitable) throws Exception {
        if (awaitable == null) {
            throw new IllegalArgumentException("await(null): pass a Coroutine or a Future");
        }
        return awaitable.await();
    }

    /**
     * Suspends the current task for {@code seconds}; 0 or less just lets the other ready work run once.
     *
     * @throws IllegalStateException outside a task
     */
    public static void sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("sleep(NaN): give a number of seconds");
        }
        Task<?> task = Task.requireCurrent("sleep()");
        if (seconds <= 0) {
            task.yieldNow();
        } else {
            task.sleep(seconds);
        }
    }

    /** {@link #sleep(double)} for a {@link Duration}. */
    public static void sleep(Duration duration) {
        if (duration == null) {
            throw new IllegalArgumentException("sleep(null): give a Duration, or the seconds as a double");
        }
        // Seconds and nanos apart: toNanos() overflows past 292 years, a fair "forever".
        sleep(duration.getSeconds() + duration.getNano() / 1e9);
    }

    /** {@link #sleep(double)}, then returns {@code result}. */
    public static <T> T sleep(double seconds, T result) {
        sleep(seconds);
        return result;
    }

    /** {@link #sleep(double, Object)} for a {@link Duration}. */
    public static <T> T sleep(Duration duration, T result) {
        return sleep(Durations.seconds(duration, "sleep"), result);
    }

    // ---- timeouts ----

    /**
     * A timeout scope whose deadline is {@code delay} seconds from now, to run a block with
     * {@link Timeout#run(Coroutine)}; infinity for no deadline (one can be set later with
     * {@link Timeout#reschedule(double)}).
     *
     * @throws IllegalStateException if no loop is running
     */
    public static Timeout timeout(double delay) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("timeout(NaN): give a number of seconds, or infinity for none");
        }
        return new Timeout(getRunningLoop().time() + delay);
    }

    /** {@link #timeout(double)} for a {@link Duration}. */
    public static Timeout timeout(Duration delay) {
        return timeout(Durations.seconds(delay, "timeout"));
    }

    /** A timeout scope whose deadline is {@code when}, in the seconds of {@link Loop#time()}. */
    public static Timeout timeoutAt(double when) {
        return new Timeout(when);
    }

    /** Runs {@code body} inline in the current task until the deadline {@code when}: {@code timeoutAt(when).run(body)}. */
    public static <T> T timeoutAt(double when, Coroutine<T> body) throws Exception {
        return timeoutAt(when).run(body);
    }

    /** {@link #timeoutAt(double, Coroutine)} for a body with no result. */
    public static void timeoutAt(double when, AsyncRunnable body) throws Exception {
        timeoutAt(when).run(body);
    }

    /**
     * Runs {@code body} inline in the current task with {@code delay} seconds to finish:
     * {@code timeout(delay).run(body)}.
     *
     * @throws TimeoutError if it did not finish in time
     */
    public static <T> T timeout(double delay, Coroutine<T> body) throws Exception {
        return timeout(delay).run(body);
    }

    /** {@link #timeout(double, Coroutine)} for a body with no result: {@code timeout(1, () -> { ... })}. */
    public static void timeout(double delay, AsyncRunnable body) throws Exception {
        timeout(delay).run(body);
    }

    /** {@link #timeout(double, Coroutine)} for a {@link Duration}. */
    public static <T> T timeout(Duration delay, Coroutine<T> body) throws Exception {
        return timeout(delay).run(body);
    }

    /** {@link #timeout(double, Coroutine)} for a {@link Duration} and a body with no result. */
    public static void timeout(Duration delay, AsyncRunnable body) throws Exception {
        timeout(delay).run(body);
    }

    /**
     * Waits for {@code awaitable} at most {@code seconds}: asyncio's {@code wait_for}. On expiry the
     * awaited future (a task, for a coroutine scheduled elsewhere) is cancelled, and once it is done
     * this throws {@link TimeoutError}; if it finishes despite the cancellation, its own result or
     * exception wins. A coroutine runs inline in the current task, under the deadline; with
     * {@code seconds <= 0} it is first made a task, so that it is cancelled before it starts.
     *
     * <pre>{@code
     * try {
     *     String reply = waitFor(request(), 1.5);
     * } catch (TimeoutError e) {
     *     // the request was cancelled and has finished
     * }
     * }</pre>
     *
     * @throws TimeoutError on expiry
     */
    public static <T> T waitFor(Awaitable<T> awaitable, double seconds) throws Exception {
        return Waiting.waitFor(awaitable, seconds);
    }

    /** {@link #waitFor(Awaitable, double)} for a lambda. */
    public static <T> T waitFor(Coroutine<T> coroutine, double seconds) throws Exception {
        return waitFor((Awaitable<T>) coroutine, seconds);
    }

    /** {@link #waitFor(Awaitable, double)} for a body with no result. */
    public static void waitFor(AsyncRunnable body, double seconds) throws Exception {
        waitFor(Bodies.of(body, "waitFor"), seconds);
    }

    /** {@link #waitFor(Awaitable, double)} for a {@link Duration}. */
    public static <T> T waitFor(Awaitable<T> awaitable, Duration timeout) throws Exception {
        return waitFor(awaitable, Durations.seconds(timeout, "waitFor"));
    }

    /** {@link #waitFor(Coroutine, double)} for a {@link Duration}. */
    public static <T> T waitFor(Coroutine<T> coroutine, Duration timeout) throws Exception {
        return waitFor((Awaitable<T>) coroutine, timeout);
    }

    /** {@link #waitFor(AsyncRunnable, double)} for a {@link Duration}. */
    public static void waitFor(AsyncRunnable body, Duration timeout) throws Exception {
        waitFor(body, Durations.seconds(timeout, "waitFor"));
    }

    // ---- structured concurrency ----

    /**
     * Runs {@code body} inline in the current task with a new {@link TaskGroup}, waits for every child
     * it started, and returns the body's value; see {@link TaskGroup} for failures and cancellation.
     *
     * @throws ExceptionGroup if children or the body failed
     * @throws IllegalStateException outside a task
     */
    public static <T> T taskGroup(TaskGroup.Body<T> body) throws Exception {
        return TaskGroup.run(body);
    }

    /**
     * {@link #taskGroup(TaskGroup.Body)} for a block with no result: {@code taskGroup(g -> { g.createTask(a()); })}.
     * A one-line body that returns a value, {@code g -> List.of(...)}, matches both overloads (Java
     * cannot tell a one-parameter expression lambda's intent): write it as a block with
     * {@code return}, or type its parameter, {@code (TaskGroup g) -> List.of(...)}.
     */
    @SuppressWarnings("overloads") // on purpose: a block without a result must not need a return
    public static void taskGroup(TaskGroup.VoidBody body) throws Exception {
        TaskGroup.run(body);
    }

    // ---- waiting ----

    /**
     * Waits until the futures are done as {@code when} says, or until {@code timeout} seconds have
     * passed (infinity for no limit): asyncio's {@code wait}. It raises nothing on timeout and cancels
     * nothing: the futures not done are in {@link WaitResult#pending()}. As asyncio 3.11+ requires,
     * it takes futures (tasks) only: wrap a coroutine with {@link #createTask(Coroutine)} first, so
     * that its task can be found in the result.
     *
     * <p>Call it qualified, {@code Asyncio.wait(...)}: inside any class, {@code Object.wait} hides a
     * static import of this name.
     *
     * <pre>{@code
     * WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED, 2.0);
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code futures} is empty
     */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen when, double timeout)
            throws Exception {
        return Waiting.wait(futures, when, timeout);
    }

    /** {@link #wait(Collection, ReturnWhen, double)} for a {@link Duration}. */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen when, Duration timeout)
            throws Exception {
        return Waiting.wait(futures, when, Durations.seconds(timeout, "wait"));
    }

    /** {@link #wait(Collection, ReturnWhen, double)} with no time limit. */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen when) throws Exception {
        return Waiting.wait(futures, when, Double.POSITIVE_INFINITY);
    }

    /** {@link #asCompleted(Collection, double)} with no time limit. */
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables) {
        return asCompleted(awaitables, Double.POSITIVE_INFINITY);
    }

    /**
     * One coroutine per awaitable (coroutines are first made tasks), each of which, awaited, gives
     * the result of the next one to finish, in completion order: asyncio 3.12's {@code as_completed}.
     * Once {@code timeout} seconds have passed, the ones still to come throw {@link TimeoutError}.
     *
     * <pre>{@code
     * for (Coroutine<String> next : asCompleted(List.of(fetch("/a"), fetch("/b")))) {
     *     System.out.println(await(next));   // the fastest first
     * }
     * }</pre>
     */
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables, double timeout) {
        return Waiting.asCompleted(awaitables, timeout);
    }

    /** {@link #asCompleted(Collection, double)} for a {@link Duration}. */
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables, Duration timeout) {
        return Waiting.asCompleted(awaitables, Durations.seconds(timeout, "asCompleted"));
    }

    /**
     * A future that follows {@code awaitable} but whose cancellation does not reach it: asyncio's
     * {@code shield}. Cancelling the awaiting task cancels the returned future only; the shielded
     * work goes on. A coroutine is first made a task; a future already done is returned as is.
     *
     * <pre>{@code
     * Task<Void> save = createTask(saveToDisk());
     * await(shield(save));   // a cancellation here leaves the save running
     * }</pre>
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Waiting.shield(awaitable);
    }

    // ---- threads ----

    /**
     * Runs the blocking {@code call} on a virtual thread of the loop's default executor and waits
     * for its result without blocking the loop: asyncio's {@code to_thread}. The call runs in a copy of
     * the task's {@link Context}, so it sees the task's {@link ContextVar}s. Cancelling the task stops
     * the wait, not the call.
     *
     * <pre>{@code
     * String text = toThread(() -> Files.readString(path));
     * }</pre>
     */
    public static <T> T toThread(Callable<T> call) throws Exception {
        return ThreadBridge.toThread(call);
    }

    /**
     * Schedules {@code coroutine} on {@code loop} from any other thread, and returns a
     * {@link CompletableFuture} of its result: asyncio's {@code run_coroutine_threadsafe}. Cancelling
     * the returned future cancels the task on its loop.
     *
     * <pre>{@code
     * CompletableFuture<String> reply = runCoroutineThreadsafe(() -> fetch("/status"), loop);
     * System.out.println(reply.get(5, TimeUnit.SECONDS));
     * }</pre>
     *
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, Loop loop) {
        return ThreadBridge.submit(coroutine, loop);
    }

    /** {@link #runCoroutineThreadsafe(Coroutine, Loop)} for a body with no result. */
    public static CompletableFuture<Void> runCoroutineThreadsafe(AsyncRunnable body, Loop loop) {
        return ThreadBridge.submit(Bodies.of(body, "runCoroutineThreadsafe"), loop);
    }

    /**
     * A future of the running loop that follows {@code stage}, a computation of other threads:
     * asyncio's {@code wrap_future}. Its completion is handed to the loop's thread; cancelling the
     * future cancels the stage (without interrupting it).
     *
     * <pre>{@code
     * HttpResponse<String> r = await(wrapFuture(httpClient.sendAsync(request, BodyHandlers.ofString())));
     * }</pre>
     *
     * @throws IllegalStateException if no loop is running
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return ThreadBridge.wrap(stage);
    }

    /** {@link #gather(boolean, Awaitable[])} without {@code returnExceptions}. */
    public static Future<List<Object>> gather(Awaitable<?>... awaitables) {
        return gather(false, awaitables);
    }

    /**
     * A future of all the awaitables' results, in argument order; coroutines are wrapped in tasks.
     * Without {@code returnExceptions} the first failure propagates to the awaiter and the others go
     * on; with it, failures are returned in the list. Cancelling the result cancels the children.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
        return Gathering.of(returnExceptions, awaitables);
    }

    /**
     * What {@code future} is part of, as Python 3.14's {@code asyncio.capture_call_graph(future)}: for a
     * task, the frames it is suspended in (user code first, aioloop's own left out); and, recursively,
     * the graphs of the tasks awaiting it, directly or through a gather or a task group. Called on the
     * future's loop thread.
     *
     * <pre>{@code
     * System.out.print(Asyncio.formatCallGraph(stuckTask));
     * }</pre>
     *
     * @throws IllegalStateException if called from another thread while the loop runs
     */
    public static CallGraph captureCallGraph(Future<?> future) {
        if (future == null) {
            throw new IllegalArgumentException("captureCallGraph(null): pass the future or task to look at");
        }
        future.loop.checkThread("captureCallGraph()");
        return TaskDump.capture(future);
    }

    /**
     * {@link #captureCallGraph(Future)} as text, as 3.14's {@code asyncio.format_call_graph}: the future
     * and its frames, then each awaiter indented below it ("Awaited by").
     */
    public static String formatCallGraph(Future<?> future) {
        return captureCallGraph(future).toString();
    }

    /**
     * {@link #gather(Awaitable[])} for lambdas, each made a task:
     * {@code gather(() -> toThread(this::load), () -> fetch("/b"))}. Futures and lambdas do not mix
     * in one call: wrap a future's neighbours with {@link #async} or pass them all in a list.
     */
    public static Future<List<Object>> gather(Coroutine<?>... coroutines) {
        return gather(false, (Awaitable<?>[]) coroutines);
    }

    /** {@link #gather(boolean, Awaitable[])} for lambdas, each made a task. */
    public static Future<List<Object>> gather(boolean returnExceptions, Coroutine<?>... coroutines) {
        return gather(returnExceptions, (Awaitable<?>[]) coroutines);
    }

    /**
     * {@link #gather(Awaitable[])} typed: a future of the results of awaitables of one type, in list
     * order: {@code List<String> pages = await(gather(fetches))}.
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(List<? extends Awaitable<T>> awaitables) {
        if (awaitables == null) {
            throw new IllegalArgumentException("gather(null): pass the list of awaitables");
        }
        // Without returnExceptions the list holds the children's results only, each a T.
        return (Future<List<T>>) (Future<?>) Gathering.of(false, awaitables.toArray(new Awaitable<?>[0]));
    }

    /** The running loop, else the thread's: where a coroutine outside any loop is scheduled. */
    static Loop currentOrDefaultLoop() {
        Loop running = ThreadLoops.current().runningLoop();
        return running != null ? running : getEventLoop();
    }
}
