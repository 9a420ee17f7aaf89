package dev.aioloop;

/**
 * Something a task can wait for: a {@link Future} (and so a {@link Task}) or a {@link Coroutine}.
 *
 * <p>Sealed, so that a lambda can only ever be a {@link Coroutine}: were this interface functional, a
 * lambda passed where an awaitable is expected would silently become an awaitable whose {@code await()}
 * runs the body outside any task.
 *
 * <p>{@link #await()} may only be called from inside a task, that is from code the loop runs as a
 * coroutine; elsewhere it throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * Awaitable<String> later = loop.createFuture();   // or a Coroutine, or a Task
 * String s = Asyncio.await(later);                 // inside a task
 * }</pre>
 *
 * @param <T> the type of the value awaiting produces
 */
public sealed interface Awaitable<T> permits Future, Coroutine {
    /**
     * Waits for the value without blocking the loop's thread: the current task is suspended and other
     * tasks and callbacks run meanwhile. Rethrows, as the same object, the exception the awaited
     * computation failed with.
     *
     * @return the value
     * @throws Exception what the awaited computation failed with
     */
    T await() throws Exception;
}
