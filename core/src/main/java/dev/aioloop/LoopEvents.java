package dev.aioloop;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * aioloop's JFR events, so that a recording shows the loop beside the GC and the threads:
 * {@code dev.aioloop.SlowCallback} (an entry that held the loop's thread past the threshold, 100 ms
 * by default, set in the recording's settings), {@code dev.aioloop.TaskStep} (every task step;
 * disabled by default) and {@code dev.aioloop.LoopBlocked} (the watchdog's reports).
 *
 * <p>While no recording runs, the loops do not measure their entries at all: a listener on the
 * recorder tells each live loop when recording starts and ends, and the loop switches its
 * iteration to the measured path ({@link Diagnostics#runEntries}) in its own thread.
 */
final class LoopEvents {
    private static volatile boolean recording;

    private LoopEvents() {
    }

    /** Whether some JFR recording runs now, as far as {@link #listen()} has heard. */
    static boolean recording() {
        return recording;
    }

    /**
     * Starts following the recorder; once per JVM, on the thread that the first loop starts for its
     * management ({@link LiveLoops}), since loading the recorder's classes takes a tenth of a second.
     */
    static void listen() {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording changed) {
                    // The recording being started may not read RUNNING yet while its listeners hear of it.
                    boolean now = anyRunning() || changed.getState() == RecordingState.RUNNING;
                    if (now != recording) {
                        recording = now;
                        LiveLoops.refreshAll();
                    }
                }
            });
            // A recording started before the first loop (-XX:StartFlightRecording) changes no state
            // the listener would hear of. Asked only if the recorder is up: asking would start it.
            if (FlightRecorder.isInitialized() && anyRunning() && !recording) {
                recording = true;
                LiveLoops.refreshAll();
            }
        } catch (RuntimeException | LinkageError e) {
            // A JVM without Flight Recorder: the events are never recorded, and nothing else changes.
        }
    }

    private static boolean anyRunning() {
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /** The events of one entry under way; null-free only while a recording runs. */
    static Step begin(ReadyEntry entry) {
        Step s = new Step(entry instanceof Task<?> t && !t.done() ? new TaskStep() : null);
        s.slow.begin();
        if (s.task != null) {
            s.task.begin();
        }
        return s;
    }

    /** The two events one entry may make. */
    static final class Step {
        final SlowCallback slow = new SlowCallback();
        final TaskStep task;

        Step(TaskStep task) {
            this.task = task;
        }

        void end(ReadyEntry entry) {
            slow.end();
            if (slow.shouldCommit()) {
                if (entry instanceof Task<?> t) {
                    slow.task = t.getName();
                } else {
                    slow.callback = String.valueOf(entry);
                }
                slow.commit();
            }
            if (task != null) {
                task.end();
                if (task.shouldCommit()) {
                    task.task = ((Task<?>) entry).getName();
                    task.commit();
                }
            }
        }
    }

    /** A report of the watchdog, from its thread. */
    static void loopBlocked(long blockedNanos, Thread loopThread, String running, StackTraceElement[] stack) {
        LoopBlocked e = new LoopBlocked();
        if (!e.isEnabled()) {
            return;
        }
        e.blockedFor = blockedNanos;
        e.loopThread = loopThread;
        e.running = running;
        StringBuilder text = new StringBuilder();
        for (StackTraceElement f : stack) {
            text.append("at ").append(f).append('\n');
        }
        e.stack = text.toString();
        e.commit();
    }

    @Name("dev.aioloop.SlowCallback")
    @Label("Slow Callback")
    @Category("aioloop")
    @Description("A callback or task step that held an event loop's thread (the event's thread) longer than the threshold")
    @Threshold("100 ms")
    @StackTrace(false)
    static final class SlowCallback extends Event {
        @Label("Task")
        @Description("The name of the task whose step it was, if it was one")
        String task;

        @Label("Callback")
        @Description("The callback, when the entry was not a task's step")
        String callback;
    }

    @Name("dev.aioloop.TaskStep")
    @Label("Task Step")
    @Category("aioloop")
    @Description("One step of a task: from its resumption to its next suspension or its end")
    @Enabled(false)
    @StackTrace(false)
    static final class TaskStep extends Event {
        @Label("Task")
        String task;
    }

    @Name("dev.aioloop.LoopBlocked")
    @Label("Loop Blocked")
    @Category("aioloop")
    @Description("The watchdog found an event loop's thread running one entry past the blocked threshold")
    @StackTrace(false)
    static final class LoopBlocked extends Event {
        @Label("Blocked For")
        @Timespan(Timespan.NANOSECONDS)
        long blockedFor;

        @Label("Loop Thread")
        Thread loopThread;

        @Label("Running")
        String running;

        @Label("Loop Thread's Stack")
        String stack;
    }
}
