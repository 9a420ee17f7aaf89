package dev.aioloop.management;

/**
 * The management interface of a JVM's asyncio loops, registered once per JVM, by its first loop,
 * as {@value #OBJECT_NAME} in the platform MBean server: what {@code jconsole}, or the demo's
 * {@code ps PID} and {@code pstree PID} (Python 3.14's {@code python -m asyncio ps|pstree}), read
 * from outside the process, with no agent.
 *
 * <p>Each operation asks every live loop, on its own thread (a task's frames can be read only
 * there), and waits up to two seconds for each: a loop whose thread is blocked answers with a line
 * saying so instead. A standalone loop that no thread runs now is listed as not running.
 */
public interface LoopsMXBean {
    /** The name this MBean is registered under. */
    String OBJECT_NAME = "dev.aioloop:type=Loops";

    /** Every live loop's {@code dumpTasks()}: each task's name, state, frames, and in debug mode where it was made. */
    String dumpTasks();

    /** Every live loop's await trees: each task nobody awaits, with what it awaits below it. */
    String formatAwaitTrees();

    /**
     * One row per live task of every live loop: loop, task, state, awaiting, where (the frame it
     * waits in). The first row names the columns.
     */
    String[][] taskTable();
}
