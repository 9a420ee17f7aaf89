package dev.aioloop.junit;

import dev.aioloop.Asyncio;
import dev.aioloop.Awaitable;
import dev.aioloop.Coroutine;
import dev.aioloop.ErrorContext;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.TaskObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One test's loop and the thread that runs it. The JUnit thread hands each phase (a
 * {@code @BeforeEach} method, the test, an {@code @AfterEach} method, the shutdown) to that thread
 * as one {@code runUntilComplete}, and waits for it no longer than the test's deadline: a loop whose
 * thread is stuck in plain Java code cannot hold the JUnit thread, which then reports from its own
 * side what it saw of the loop's tasks, and the stuck thread's stack.
 */
final class TestLoop implements TaskObserver {
    // How long a loop that is not blocked takes to answer a probe, at most, on a loaded machine.
    private static final long PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    // What is left to a loop that timed out to run its @AfterEach methods and its shutdown.
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Runnable STOP = () -> { };

    final Loop loop;
    private final String testName;
    private final double timeoutSeconds;
    private final Thread thread;
    private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    private long deadline;
    // Both written by the loop's thread and read by the JUnit thread, possibly while the loop is stuck.
    private final List<ErrorContext> errors = new CopyOnWriteArrayList<>();
    private final Map<Task<?>, String> taskStates = new LinkedHashMap<>();
    // Loop thread only: read by the shutdown, which runs there.
    private final List<Task<?>> failed = new ArrayList<>();
    private volatile Task<?> phase;
    private boolean timedOut;
    private boolean abandoned;

    TestLoop(String testName, boolean virtualTime, double timeoutSeconds) {
        this.testName = testName;
        this.timeoutSeconds = timeoutSeconds;
        this.deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        this.loop = virtualTime ? Asyncio.newVirtualTimeLoop() : Asyncio.newEventLoop();
        loop.setExceptionHandler((l, context) -> errors.add(context));
        loop.setTaskObserver(this);
        thread = new Thread(this::serve, "aioloop-junit " + testName);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        Asyncio.setEventLoop(loop);
        while (true) {
            Runnable job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                // Meant for a job that had already returned: the shutdown queued after it must still run.
                continue;
            }
            if (job == STOP) {
                return;
            }
            job.run();
        }
    }

    /**
     * Runs {@code body} as a task named {@code name} on the loop's thread, until it is done or the
     * test's time is up.
     *
     * @throws TimeoutException when the time is up, saying what each task of the loop was doing
     */
    void runPhase(String name, Coroutine<?> body) throws Throwable {
        if (abandoned) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        jobs.add(() -> {
            try {
                Task<?> task = loop.createTask(body, name);
                phase = task;
                loop.runUntilComplete(task);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            } finally {
                phase = null;
            }
        });
        try {
            done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            if (timedOut) {
                // Already failed for its time: what runs after it had its grace, and is left behind.
                abandon();
                return;
            }
            throw timeUp(done);
        }
    }

    /** The test's failure for its time, with the state of the loop; stops the phase if the loop still answers. */
    private TimeoutException timeUp(CompletableFuture<Void> phaseDone) throws InterruptedException {
        timedOut = true;
        CompletableFuture<List<String>> probe = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> probe.complete(describeLiveTasks()));
        } catch (IllegalStateException closed) {
            probe.complete(List.of());
        }
        List<String> tasks;
        boolean answered;
        StringBuilder msg = new StringBuilder(testName).append(" timed out after ")
                .append(String.format(Locale.ROOT, "%.3f", timeoutSeconds)).append(" s");
        try {
            tasks = probe.get(PROBE_NANOS, TimeUnit.NANOSECONDS);
            answered = true;
            msg.append("; the tasks of its loop:");
        } catch (ExecutionException | TimeoutException blocked) {
            tasks = lastSeenTasks();
            answered = false;
            appendBlockedStack(msg);
            msg.append("\nthe tasks of its loop, as last seen:");
        }
        for (String task : tasks) {
            msg.append("\n  ").append(task);
        }
        deadline = System.nanoTime() + GRACE_NANOS;
        if (answered) {
            // The loop answers: cancel the phase's task there, so that its finally blocks run and the
            // @AfterEach methods and the shutdown find a loop that is not running.
            Task<?> stuck = phase;
            if (stuck != null) {
                loop.callSoonThreadsafe(() -> stuck.cancel("the test timed out"));
            }
            try {
                phaseDone.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException expected) {
                // The cancellation, or what the task raised on its way out: the timeout is the news.
            } catch (TimeoutException stillRunning) {
                abandon();
            }
        } else {
            abandon();
        }
        return new TimeoutException(msg.toString());
    }

    private void appendBlockedStack(StringBuilder msg) {
        msg.append("; its loop's thread is blocked");
        List<String> running = lastSeenTasks().stream().filter(s -> s.endsWith(": running")).toList();
        msg.append(running.isEmpty() ? ", in a callback" : ", in task " + running.getFirst().replace(": running", ""))
                .append(':');
        for (StackTraceElement frame : thread.getStackTrace()) {
            msg.append("\n    at ").append(frame);
        }
    }

    /**
     * Leaves a loop stuck past its grace to its thread: interrupted (a sleep or a blocking queue then
     * throws), it runs the shutdown queued for it if it ever gets there, and closes the loop.
     */
    private void abandon() {
        if (abandoned) {
            return;
        }
        abandoned = true;
        Task<?> stuck = phase;
        if (stuck != null) {
            try {
                loop.callSoonThreadsafe(() -> stuck.cancel("the test timed out"));
            } catch (IllegalStateException closed) {
                // Nothing left to cancel.
            }
        }
        jobs.add(() -> {
            try {
                loop.runUntilComplete(shutdown());
            } catch (Throwable ignored) {
                // The test has failed already; nobody is left to tell.
            }
            loop.close();
        });
        jobs.add(STOP);
        thread.interrupt();
    }

    /**
     * After the test: cancels and awaits what it left running, closes the loop and ends its thread.
     *
     * @return the errors that reached the loop's exception handler during the test, in order, and
     *         then the failures of its tasks that nobody retrieved
     */
    List<ErrorContext> close() throws Throwable {
        if (!abandoned) {
            try {
                runPhase("aioloop-junit shutdown", shutdown());
            } finally {
                if (!abandoned) {
                    CompletableFuture<Void> closed = new CompletableFuture<>();
                    jobs.add(() -> {
                        loop.close();
                        closed.complete(null);
                    });
                    jobs.add(STOP);
                    closed.get(Math.max(GRACE_NANOS, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            }
        }
        return List.copyOf(errors);
    }

    /** Cancels the tasks still live, waits for them, and reports the failures nobody saw; on the loop. */
    private Coroutine<Void> shutdown() {
        return () -> {
            Set<Task<?>> left = new LinkedHashSet<>(Asyncio.allTasks());
            left.remove(Asyncio.currentTask());
            for (Task<?> task : left) {
                task.cancel();
            }
            Asyncio.gather(true, left.toArray(new Awaitable<?>[0])).await();
            for (Task<?> task : left) {
                if (!task.cancelled() && task.exception() != null) {
                    errors.add(new ErrorContext("Task " + task.getName() + " failed when cancelled at the end of the test",
                            task.exception(), task, null));
                }
            }
            for (Task<?> task : failed) {
                if (task.hasUnretrievedException()) {
                    errors.add(new ErrorContext("Task exception was never retrieved: " + task.getName(),
                            task.exception(), task, null));
                }
            }
            return null;
        };
    }

    // ---- what the loop's tasks are doing, for a timeout ----

    private List<String> describeLiveTasks() {
        List<String> lines = new ArrayList<>();
        for (Task<?> task : Asyncio.allTasks()) {
            String seen;
            synchronized (taskStates) {
                seen = taskStates.get(task);
            }
            // Not seen: the test replaced the extension's task observer with its own.
            lines.add(seen != null ? seen : task.getName() + ": pending");
        }
        return lines;
    }

    private List<String> lastSeenTasks() {
        List<String> lines = new ArrayList<>();
        synchronized (taskStates) {
            taskStates.forEach((task, state) -> lines.add(state));
        }
        return lines;
    }

    private void see(Task<?> task, String state) {
        // The name is read here, on the loop's thread, for a JUnit thread that may find the loop stuck.
        synchronized (taskStates) {
            taskStates.put(task, task.getName() + ": " + state);
        }
    }

    @Override
    public void created(Task<?> task, double time) {
        see(task, "scheduled, not started");
    }

    @Override
    public void resumed(Task<?> task, double time) {
        see(task, "running");
    }

    @Override
    public void suspended(Task<?> task, double time) {
        see(task, String.format(Locale.ROOT, "waiting, suspended at an await since loop time %.3f", time));
    }

    @Override
    public void done(Task<?> task, double time) {
        synchronized (taskStates) {
            taskStates.remove(task);
        }
        if (!task.cancelled() && task.hasUnretrievedException()) {
            failed.add(task);
        }
    }
}
