package dev.aioloop;

import java.util.Set;

/**
 * What {@link Asyncio#wait(java.util.Collection, ReturnWhen, double)} returns: asyncio's
 * {@code (done, pending)} pair. Both sets are unmodifiable and keep the order the futures were given.
 *
 * <pre>{@code
 * WaitResult<String> r = Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED, 1.0);
 * for (Future<String> f : r.pending()) f.cancel();
 * }</pre>
 *
 * @param done the futures done (with a result, a failure, or cancelled) when the wait returned
 * @param pending the others
 * @param <T> the type of the futures' results
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
