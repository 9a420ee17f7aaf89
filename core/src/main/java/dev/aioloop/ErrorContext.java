package dev.aioloop;

/**
 * What an {@link ExceptionHandler} is told: asyncio's context dictionary as a record.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, context) ->
 *         System.err.println(context.message() + ": " + context.exception()));
 * }</pre>
 *
 * @param message what happened, for a person
 * @param exception the exception, or null
 * @param future the future or task concerned, or null
 * @param handle the callback's handle concerned, or null
 */
public record ErrorContext(String message, Throwable exception, Future<?> future, Handle handle) {
}
