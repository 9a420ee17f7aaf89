package dev.aioloop;

/**
 * A coroutine: a body of straight-line code that may {@link Asyncio#await(Awaitable) await}, run by
 * the loop inside a {@link Task}.
 *
 * <p>Awaiting a coroutine runs its body inline in the current task, as Python's {@code await coro()}
 * does; wrapping it with {@link Asyncio#ensureFuture(Coroutine)} or {@link Loop#createTask(Coroutine)}
 * schedules it as a task of its own. Unlike a Python coroutine object, a {@code Coroutine} is a plain
 * function: it can be run more than once.
 *
 * <pre>{@code
 * static Coroutine<Integer> answer() {
 *     return () -> { Asyncio.sleep(0.1); return 42; };
 * }
 * }</pre>
 *
 * @param <T> the type of the coroutine's result
 */
@FunctionalInterface
public non-sealed interface Coroutine<T> extends Awaitable<T> {
    /**
     * The body.
     *
     * @return the result
     * @throws Exception any failure, which becomes the task's exception
     */
    T run() throws Exception;

    /**
     * Runs the body inline in the current task.
     *
     * @throws IllegalStateException outside a task
     */
    @Override
    default T await() throws Exception {
        Task.requireCurrent("await()");
        return run();
    }
}
