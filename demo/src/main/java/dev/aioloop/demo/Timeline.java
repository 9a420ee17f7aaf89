package dev.aioloop.demo;

import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.TaskObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the life of every task of the loops it watches, through core's {@link TaskObserver}, and
 * draws it once the scenario is over. Loops of several threads may share one timeline.
 */
final class Timeline implements TaskObserver {
    /** The {@code --timeline} value that asks for a chart in the terminal rather than a file. */
    static final String TERMINAL = "terminal";

    private final Map<Task<?>, Recording> byTask = new IdentityHashMap<>();
    private final List<Recording> inOrder = new ArrayList<>();

    /** Watches {@code loop}'s tasks from now on. */
    void watch(Loop loop) {
        loop.setTaskObserver(this);
    }

    @Override
    public synchronized void created(Task<?> task, double time) {
        recording(task, time);
    }

    @Override
    public synchronized void resumed(Task<?> task, double time) {
        recording(task, time).stepStart = time;
    }

    @Override
    public synchronized void suspended(Task<?> task, double time) {
        recording(task, time).endStep(time);
    }

    @Override
    public synchronized void done(Task<?> task, double time) {
        Recording r = recording(task, time);
        r.endStep(time);
        r.done = time;
    }

    private Recording recording(Task<?> task, double time) {
        // A task created before the loop was watched shows up at its first event.
        return byTask.computeIfAbsent(task, t -> {
            Recording r = new Recording(t, time);
            inOrder.add(r);
            return r;
        });
    }

    /**
     * Every task seen so far, in the order they were created; when the tasks ran in several threads
     * (one loop each), each name is followed by its thread's.
     */
    synchronized List<TaskLife> lives() {
        boolean severalThreads = inOrder.stream().map(r -> r.thread).distinct().count() > 1;
        List<TaskLife> lives = new ArrayList<>(inOrder.size());
        for (Recording r : inOrder) {
            String name = severalThreads ? r.task.getName() + " (" + r.thread + ")" : r.task.getName();
            lives.add(new TaskLife(name, r.created, List.copyOf(r.steps), r.done));
        }
        return lives;
    }

    /**
     * Draws the timeline up to {@code end}: on {@code terminal} when {@code target} is {@link #TERMINAL},
     * else as an SVG file at {@code target}, whose name goes to {@code notices}.
     */
    void draw(String target, double end, PrintStream terminal, PrintStream notices) throws IOException {
        List<TaskLife> lives = lives();
        if (TERMINAL.equals(target)) {
            terminal.print(TerminalChart.render(lives, end));
            return;
        }
        Path file = Path.of(target);
        Files.writeString(file, SvgChart.render(lives, end), StandardCharsets.UTF_8);
        notices.println("timeline written to " + file);
    }

    private static final class Recording {
        final Task<?> task;
        // The observer is called on the loop's thread: the task's thread.
        final String thread = Thread.currentThread().getName();
        final double created;
        final List<TaskLife.Step> steps = new ArrayList<>();
        double stepStart = Double.NaN;
        double done = Double.NaN;

        Recording(Task<?> task, double created) {
            this.task = task;
            this.created = created;
        }

        void endStep(double time) {
            if (!Double.isNaN(stepStart)) {
                steps.add(new TaskLife.Step(stepStart, time));
                stepStart = Double.NaN;
            }
        }
    }
}
