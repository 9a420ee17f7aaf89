package dev.aioloop;

import static dev.aioloop.Asyncio.allTasks;
import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Task names, currentTask(), allTasks() and the TaskObserver. */
class TaskTest extends AbstractLoopTest {

    @Test
    void tasksAreNamedTaskNWithIncreasingNumbers() {
        Task<Integer> first = loop.createTask(() -> 1);
        Task<Integer> second = loop.createTask(() -> 2);

        assertTrue(first.getName().matches("Task-\\d+"), first.getName());
        long n1 = Long.parseLong(first.getName().substring(5));
        long n2 = Long.parseLong(second.getName().substring(5));
        assertTrue(n2 > n1, first.getName() + " then " + second.getName());
    }

    @Test
    void aTaskKeepsTheNameItWasGivenAndCanBeRenamed() {
        Task<Integer> task = loop.createTask(() -> 1, "worker");
        assertEquals("worker", task.getName());

        task.setName("renamed");

        assertEquals("renamed", task.getName());
        assertTrue(task.toString().contains("renamed"), task.toString());
        assertThrows(IllegalArgumentException.class, () -> task.setName(null));
        assertEquals("renamed", task.getName());
    }

    @Test
    void currentTaskIsTheTaskWhoseBodyRunsAndNullInAPlainCallback() throws Exception {
        AtomicReference<Task<?>> inCallback = new AtomicReference<>();
        Task<Task<?>> task = loop.createTask(() -> {
            loop.callSoon(() -> inCallback.set(currentTask()));
            sleep(0);
            sleep(0);
            return currentTask();
        });

        assertSame(task, loop.runUntilComplete(task));
        assertNull(inCallback.get());
    }

    @Test
    void currentTaskOutsideARunIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::currentTask);
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    }

    @Test
    void allTasksHoldsTheTasksNotDoneYetIncludingTheCurrentOne() throws Exception {
        Task<Integer> done = loop.createTask(() -> 1);
        loop.runUntilComplete(done);
        Task<Void> sleeper = loop.createTask(async(() -> sleep(3600)));

        List<Object> seen = loop.runUntilComplete(() -> {
            sleep(0);
            Set<Task<?>> all = allTasks();
            return List.of(all.size(), all.contains(currentTask()), all.contains(sleeper), all.contains(done));
        });

        assertEquals(List.of(2, true, true, false), seen);
        sleeper.cancel();
        loop.runUntilComplete(Asyncio.gather(true, sleeper));
        assertTrue(loop.liveTasks().isEmpty());
    }

    @Test
    void aTasksResultCannotBeSetFromOutsideItsCoroutine() throws Exception {
        Task<String> task = loop.createTask(() -> sleep(0.01, "from the body"));

        UnsupportedOperationException result = assertThrows(UnsupportedOperationException.class,
                () -> task.setResult("from outside"));
        UnsupportedOperationException exception = assertThrows(UnsupportedOperationException.class,
                () -> task.setException(new IllegalStateException()));

        assertTrue(result.getMessage().contains("createFuture"), result.getMessage());
        assertTrue(exception.getMessage().contains("createFuture"), exception.getMessage());
        assertEquals("from the body", loop.runUntilComplete(task));
    }

    @Test
    void ensureFutureOfAFutureIsTheFutureItself() {
        Future<String> f = loop.createFuture();
        assertSame(f, ensureFuture(f));
    }

    @Test
    void ensureFutureInsideARunSchedulesOnTheRunningLoop() throws Exception {
        Task<?> child = loop.runUntilComplete(() -> ensureFuture(() -> 1));
        assertSame(loop, child.loop());
        assertEquals(1, loop.runUntilComplete(child));
    }

    @Test
    void theObserverSeesCreatedResumedSuspendedResumedDoneInOrder() throws Exception {
        List<Double> times = new ArrayList<>();
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void created(Task<?> task, double time) {
                record("created " + task.getName(), time);
            }

            @Override
            public void resumed(Task<?> task, double time) {
                record("resumed " + task.getName(), time);
            }

            @Override
            public void suspended(Task<?> task, double time) {
                record("suspended " + task.getName(), time);
            }

            @Override
            public void done(Task<?> task, double time) {
                record("done " + task.getName() + " " + task.result(), time);
            }

            private void record(String event, double time) {
                log.add(event);
                times.add(time);
            }
        });
        Future<String> awaited = loop.createFuture();
        Task<String> task = loop.createTask(() -> await(awaited), "observed");
        loop.callSoon(() -> loop.callSoon(() -> awaited.setResult("r")));

        loop.runUntilComplete(task);

        assertEquals(List.of("created observed", "resumed observed", "suspended observed", "resumed observed",
                "done observed r"), log);
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) >= times.get(i - 1), "loop times go forward: " + times);
        }
    }

    @Test
    void theObserverSeesATaskCancelledBeforeItsFirstStepEnd() throws Exception {
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void done(Task<?> task, double time) {
                log.add("done cancelled=" + task.cancelled());
            }
        });
        Task<Integer> task = loop.createTask(() -> 1);
        task.cancel();

        loop.runUntilComplete(Asyncio.gather(true, task));

        assertEquals(List.of("done cancelled=true"), log);
    }

    @Test
    void removingTheObserverStopsTheEvents() throws Exception {
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void created(Task<?> task, double time) {
                log.add("created");
            }
        });
        loop.createTask(() -> 1);
        loop.setTaskObserver(null);
        loop.createTask(() -> 2);
        assertEquals(List.of("created"), log);
    }

    @Test
    void aKeyboardInterruptRaisedInATaskFailsItAndStopsTheRunAsAsyncioDoes() {
        KeyboardInterrupt interrupt = new KeyboardInterrupt();
        Task<Void> thrower = loop.createTask(() -> {
            throw interrupt;
        });
        Task<Double> other = loop.createTask(() -> sleep(30, 1.0));

        KeyboardInterrupt raised = assertThrows(KeyboardInterrupt.class, () -> loop.runUntilComplete(other));

        assertSame(interrupt, raised);
        assertTrue(thrower.done());
        assertSame(interrupt, thrower.exception());
        assertTrue(!other.done() && !loop.isRunning() && !loop.isClosed());
    }
}
