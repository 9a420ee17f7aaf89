package dev.aioloop;

/**
 * Receives what went wrong in a loop without anyone to catch it: a callback that threw, a task whose
 * failure was never retrieved. Set with {@link Loop#setExceptionHandler(ExceptionHandler)}; the
 * default logs through Netty's logger, with the stack trace.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, context) -> {
 *     metrics.increment("loop.errors");
 *     l.defaultExceptionHandler(context);   // and log as usual
 * });
 * }</pre>
 */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles one error. An exception thrown from here is logged, never propagated into the loop.
     *
     * @param loop the loop it happened in
     * @param context what happened
     */
    void handle(Loop loop, ErrorContext context);
}
