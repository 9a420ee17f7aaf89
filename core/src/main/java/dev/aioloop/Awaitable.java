package dev.aioloop;

/**
 * Something a task can wait for: a {@link Future} (and so a {@link Task}) or a {@link Coroutine}.
 *
 * <p>{@link #await()} may only be called from inside a task, that is from code the loop runs as a
 * coroutine; elsewhere it throws {@link IllegalStateException}.
 *
 * @param <T> the type of the value awaiting produces
 */
public interface Awaitable<T> {
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
