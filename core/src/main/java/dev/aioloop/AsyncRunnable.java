package dev.aioloop;

/**
 * The body of a coroutine with no result, for {@link Asyncio#async(AsyncRunnable)}: Python's
 * {@code async def f(): ...} with no {@code return}.
 *
 * <pre>{@code
 * Coroutine<Void> hello = Asyncio.async(() -> {
 *     Asyncio.sleep(0.5);
 *     System.out.println("hello");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface AsyncRunnable {
    /**
     * The body.
     *
     * @throws Exception any failure, which becomes the task's exception
     */
    void run() throws Exception;
}
