package dev.aioloop;

/**
 * What makes a loop's tasks, once set with {@link Loop#setTaskFactory}: asyncio's task factory. It is
 * given the loop and what {@link Loop#createTask} was given, and returns a task of that loop; its own
 * {@code loop.createTask(...)} calls make plain tasks, so a factory can wrap the default:
 *
 * <pre>{@code
 * loop.setTaskFactory((l, coroutine, name, context) -> {
 *     created++;
 *     return context == null ? l.createTask(coroutine, name) : l.createTask(coroutine, name, context);
 * });
 * loop.setTaskFactory(Asyncio::eagerTaskFactory);   // every task starts eagerly
 * }</pre>
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Makes the task that runs {@code coroutine} on {@code loop}.
     *
     * @param name the task's name, null for {@code Task-N}
     * @param context the context the task is to run in, or null for a copy of the current one
     */
    Task<?> createTask(Loop loop, Coroutine<?> coroutine, String name, Context context);
}
