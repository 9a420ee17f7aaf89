package dev.aioloop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The texts that say what a loop's tasks are doing: {@link Loop#dumpTasks()}, call graphs
 * ({@link Asyncio#captureCallGraph}), the trees and table of the {@code dev.aioloop:type=Loops}
 * MBean. Everything here reads the tasks, so it runs on the loop's thread.
 */
final class TaskDump {
    private TaskDump() {
    }

    /** A future as the dumps name it: {@code Task 'worker-3'}, {@code gather of 2}, {@code Future@1b6d3586}. */
    static String name(Future<?> f) {
        if (f instanceof Task<?> t) {
            return "Task '" + t.getName() + "'";
        }
        if (f instanceof Gathering g) {
            return "gather of " + g.children().length;
        }
        return f.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(f));
    }

    /** What {@code f} is doing: running, ready, awaiting what, sleeping until when, done. */
    static String state(Future<?> f) {
        if (f.done()) {
            return f.cancelled() ? "done, cancelled" : "done";
        }
        if (!(f instanceof Task<?> t)) {
            return "pending";
        }
        if (t.isCurrent()) {
            return "running";
        }
        Future<?> awaited = t.waitingOn();
        if (awaited != null) {
            return awaited.done() ? "ready (" + name(awaited) + " is done)" : "awaiting " + name(awaited);
        }
        TimerHandle sleep = t.pendingSleep();
        if (sleep != null) {
            double in = sleep.when() - t.loop.time();
            return String.format(Locale.ROOT, "sleeping until %.3f (in %.3f s)", sleep.when(), Math.max(0, in));
        }
        return t.started() ? "ready" : "ready, not started";
    }

    /** The user's frames of {@code f}, innermost first: empty for a plain future. */
    static StackTraceElement[] userFrames(Future<?> f) {
        return f instanceof Task<?> t ? Frames.user(t.frames()) : new StackTraceElement[0];
    }

    /** A task as asyncio's debug messages show one: {@code <Task pending name='x' awaiting ... at F created at G>}. */
    static String describe(Task<?> t, StackTraceElement[] createdAt) {
        StringBuilder s = new StringBuilder("<Task ");
        s.append(t.done() ? "finished" : "pending").append(" name='").append(t.getName()).append('\'');
        if (!t.done()) {
            s.append(' ').append(state(t));
        }
        StackTraceElement[] frames = userFrames(t);
        if (frames.length > 0) {
            s.append(" at ").append(frames[0]);
        }
        if (createdAt != null && createdAt.length > 0) {
            s.append(" created at ").append(createdAt[0]);
        }
        return s.append('>').toString();
    }

    // ---- call graphs ----

    static CallGraph capture(Future<?> f) {
        return capture(f, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static CallGraph capture(Future<?> f, Set<Future<?>> path) {
        path.add(f);
        List<CallGraph> up = new ArrayList<>();
        for (Future<?> a : f.awaiters()) {
            // A future awaited in a cycle (only by misuse) is shown once on each path.
            if (!path.contains(a)) {
                up.add(capture(a, path));
            }
        }
        path.remove(f);
        return new CallGraph(f, List.of(userFrames(f)), up, state(f));
    }

    // ---- the loop's dump ----

    /** Every live task of {@code loop}, oldest first: name, state, where it waits, where it was made (debug mode). */
    static String dump(Loop loop, String header) {
        List<Task<?>> tasks = oldestFirst(loop);
        StringBuilder out = new StringBuilder(header);
        out.append(": ").append(tasks.size()).append(tasks.size() == 1 ? " task" : " tasks").append(" not done, ")
                .append(loop.tasks.doneCount()).append(" done\n");
        for (Task<?> t : tasks) {
            out.append("  ").append(name(t)).append(": ").append(state(t)).append('\n');
            for (StackTraceElement f : userFrames(t)) {
                out.append("      at ").append(f).append('\n');
            }
            StackTraceElement[] site = loop.diagnostics.creationSite(t);
            if (site != null && site.length > 0) {
                out.append("      created at ").append(site[0]).append('\n');
                for (int i = 1; i < site.length; i++) {
                    out.append("                 ").append(site[i]).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * The table of {@code python -m asyncio ps}: one row per live task, with the loop's name, the
     * task, its state, what it awaits, and the frame it waits in.
     */
    static List<String[]> rows(Loop loop, String loopName) {
        List<String[]> rows = new ArrayList<>();
        for (Task<?> t : oldestFirst(loop)) {
            Future<?> awaited = t.waitingOn();
            StackTraceElement[] frames = userFrames(t);
            rows.add(new String[] {loopName, t.getName(), state(t), awaited == null ? "-" : name(awaited),
                    frames.length == 0 ? "-" : frames[0].toString()});
        }
        return rows;
    }

    /**
     * The trees of {@code python -m asyncio pstree}: each task nobody awaits at the root, with what it
     * awaits below it (the task or gather, and a gather's children below that).
     */
    static String trees(Loop loop, String header) {
        List<Task<?>> tasks = oldestFirst(loop);
        // From each task up through its awaiters, every link seen once, inverted: who is below whom.
        Map<Future<?>, List<Future<?>>> below = new IdentityHashMap<>();
        Map<Future<?>, Boolean> awaited = new IdentityHashMap<>();
        Set<Future<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Future<?>> order = new ArrayList<>();
        Deque<Future<?>> todo = new ArrayDeque<>(tasks);
        seen.addAll(tasks);
        order.addAll(tasks);
        while (!todo.isEmpty()) {
            Future<?> f = todo.poll();
            for (Future<?> a : f.awaiters()) {
                below.computeIfAbsent(a, k -> new ArrayList<>()).add(f);
                awaited.put(f, true);
                if (seen.add(a)) {
                    order.add(a);
                    todo.add(a);
                }
            }
        }
        // A gather's children are below it even when one is done already (no longer listening).
        for (Future<?> f : order) {
            if (f instanceof Gathering g) {
                List<Future<?>> kids = below.computeIfAbsent(g, k -> new ArrayList<>());
                for (Future<?> c : g.children()) {
                    if (!kids.contains(c)) {
                        kids.add(c);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(header).append('\n');
        List<Future<?>> roots = new ArrayList<>();
        for (Future<?> f : order) {
            if (!awaited.containsKey(f)) {
                roots.add(f);
            }
        }
        for (int i = 0; i < roots.size(); i++) {
            tree(out, roots.get(i), "", i == roots.size() - 1, below, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return out.toString();
    }

    private static void tree(StringBuilder out, Future<?> f, String indent, boolean last,
            Map<Future<?>, List<Future<?>>> below, Set<Future<?>> path) {
        out.append(indent).append(last ? "└── " : "├── ").append(name(f)).append(" (").append(state(f)).append(')');
        StackTraceElement[] frames = userFrames(f);
        if (frames.length > 0) {
            out.append(" at ").append(frames[0]);
        }
        out.append('\n');
        if (!path.add(f)) {
            return;
        }
        List<Future<?>> kids = below.getOrDefault(f, List.of());
        String next = indent + (last ? "    " : "│   ");
        for (int i = 0; i < kids.size(); i++) {
            tree(out, kids.get(i), next, i == kids.size() - 1, below, path);
        }
        path.remove(f);
    }

    private static List<Task<?>> oldestFirst(Loop loop) {
        List<Task<?>> tasks = new ArrayList<>(loop.tasks.snapshot());
        Collections.reverse(tasks);
        return tasks;
    }
}
