package dev.aioloop;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A loop's tasks not done yet, newest first, linked through the tasks themselves so that adding and
 * removing one allocates nothing; and the loop's task numbers, counted per loop (a count shared by
 * every loop would be one contended cache line per task), so that {@code Task-N} is unique within
 * its loop. Confined to the loop's thread.
 */
final class TaskRegistry {
    private Task<?> newest;
    private long created;

    /** The number of the next task: 1 for a loop's first. */
    long nextNumber() {
        return ++created;
    }

    void add(Task<?> task) {
        Task<?> head = newest;
        task.nextLive = head;
        if (head != null) {
            head.previousLive = task;
        }
        newest = task;
    }

    void remove(Task<?> task) {
        Task<?> prev = task.previousLive;
        Task<?> next = task.nextLive;
        if (prev != null) {
            prev.nextLive = next;
        } else if (newest == task) {
            newest = next;
        }
        if (next != null) {
            next.previousLive = prev;
        }
        task.previousLive = null;
        task.nextLive = null;
    }

    boolean isEmpty() {
        return newest == null;
    }

    /** How many of the loop's tasks are done: those made, less those still here (counted, for dumps only). */
    long doneCount() {
        long live = 0;
        for (Task<?> t = newest; t != null; t = t.nextLive) {
            live++;
        }
        return created - live;
    }

    /** A copy of the live tasks, newest first. */
    Set<Task<?>> snapshot() {
        Set<Task<?>> tasks = new LinkedHashSet<>();
        for (Task<?> t = newest; t != null; t = t.nextLive) {
            tasks.add(t);
        }
        return Collections.unmodifiableSet(tasks);
    }
}
