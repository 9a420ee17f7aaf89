package dev.aioloop;

/**
 * Watches the life of a loop's tasks: when each is created, when the loop resumes it, when it
 * suspends at an await, and when it is done. Set with {@link Loop#setTaskObserver(TaskObserver)}; for
 * timelines, metrics and tracing.
 *
 * <p>Called on the loop's thread, synchronously, with the loop's {@link Loop#time() time}: keep it
 * short. An exception thrown from here goes to the loop's exception handler and does not disturb
 * the task. With no observer set, the loop pays one null check per step.
 *
 * <pre>{@code
 * loop.setTaskObserver(new TaskObserver() {
 *     public void done(Task<?> task, double time) {
 *         System.out.println(task.getName() + " ended at " + time);
 *     }
 * });
 * }</pre>
 */
public interface TaskObserver {
    /** {@code task} was created and scheduled for its first step. */
    default void created(Task<?> task, double time) {
    }

    /** The loop is about to run a step of {@code task}: its first, or one after an await. */
    default void resumed(Task<?> task, double time) {
    }

    /** {@code task} suspended at an await; the loop runs other work meanwhile. */
    default void suspended(Task<?> task, double time) {
    }

    /** {@code task} is done: with a result, failed, or cancelled. */
    default void done(Task<?> task, double time) {
    }
}
