package dev.aioloop;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Eager tasks (3.12's eager_task_factory, 3.14's eager_start) and task factories. */
class EagerTaskTest extends AbstractLoopTest {

    @Test
    void anEagerBodyRunsInsideCreateTaskUntilItsFirstSuspensionThenAsAnyTask() throws Exception {
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Task<Void> eager = loop.createTask(() -> {
                order.add("eager: first step");
                sleep(0);
                order.add("eager: second step");
            }, "eager", true);
            order.add("creator goes on");
            Task<Void> lazy = loop.createTask(() -> {
                order.add("lazy: first step");
            }, "lazy", false);
            order.add("creator awaits");
            await(gather(eager, lazy));
        });

        // asyncio's rule: an eager task runs synchronously in its creator until it blocks; the rest of it,
        // and every other task, wait for the loop, in the order they became ready.
        assertEquals(List.of("eager: first step", "creator goes on", "creator awaits", "eager: second step",
                "lazy: first step"), order);
    }

    @Test
    void aBodyThatEndsWithoutSuspendingIsDoneWhenCreateTaskReturns() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            loop.setTaskObserver(new TaskObserver() {
                @Override
                public void created(Task<?> task, double time) {
                    events.add("created " + task.getName());
                }

                @Override
                public void resumed(Task<?> task, double time) {
                    events.add("resumed " + task.getName());
                }

                @Override
                public void done(Task<?> task, double time) {
                    events.add("done " + task.getName());
                }
            });
            Task<Integer> quick = loop.createTask(() -> 42, "quick", true);
            events.add("createTask returned");
            assertTrue(quick.done());
            assertEquals(42, quick.result());
            assertFalse(Asyncio.allTasks().contains(quick));
            loop.setTaskObserver(null);
        });

        assertEquals(List.of("created quick", "resumed quick", "done quick", "createTask returned"), events);
    }

    @Test
    void currentTaskInsideAnEagerBodyIsTheNewTaskAndTheCreatorsAfterwards() throws Exception {
        loop.runUntilComplete(() -> {
            Task<?> creator = currentTask();
            Task<Task<?>> eager = loop.createTask(() -> currentTask(), "eager", true);
            assertSame(eager, eager.result());
            assertSame(creator, currentTask());
        });
    }

    @Test
    void anEagerTaskSuspendedAtAnAwaitResumesWhenTheFutureIsDoneAndCanBeCancelled() throws Exception {
        loop.runUntilComplete(() -> {
            Future<String> gate = loop.createFuture();
            Task<String> waiter = loop.createTask(() -> "got " + await(gate), "waiter", true);
            assertFalse(waiter.done());
            gate.setResult("it");
            assertEquals("got it", await(waiter));

            Task<Void> sleeper = loop.createTask(() -> {
                sleep(10);
            }, "sleeper", true);
            sleeper.cancel();
            assertThrows(CancelledError.class, () -> await(sleeper));
        });
    }

    @Test
    void anEagerBodysFailureIsTheTasksAndCreateTaskReturnsNormally() throws Exception {
        loop.runUntilComplete(() -> {
            Task<Void> failing = loop.createTask(() -> {
                throw new IllegalStateException("boom");
            }, "failing", true);
            assertTrue(failing.done());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(failing));
            assertEquals("boom", e.getMessage());
        });
    }

    @Test
    void anEagerTaskRunsInACopyOfItsCreatorsContextThoughItRunsInsideItsStep() throws Exception {
        ContextVar<String> var = new ContextVar<>("var", "unset");
        loop.runUntilComplete(() -> {
            var.set("creator");
            Task<String> eager = loop.createTask(() -> {
                String seen = var.get();
                var.set("eager");
                return seen;
            }, "eager", true);
            assertEquals("creator", eager.result());
            assertEquals("creator", var.get(), "the eager task's set stays in its own context");
        });
    }

    @Test
    void beforeTheLoopRunsAnEagerTaskIsScheduledAsAnyOther() throws Exception {
        Task<Integer> early = loop.createTask(() -> 1, "early", true);
        assertFalse(early.done());
        assertEquals(1, loop.runUntilComplete(early));
    }

    @Test
    void theEagerTaskFactoryMakesEveryTaskEagerUnlessEagerStartSaysOtherwise() throws Exception {
        loop.setTaskFactory(Asyncio::eagerTaskFactory);
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Task<Void> a = ensureFuture(() -> {
                order.add("a");
            });
            Task<Void> b = loop.createTask(() -> {
                order.add("b");
            }, "b", false);
            order.add("creator");
            assertTrue(a.done());
            assertFalse(b.done());
            List<Object> leaves = await(gather(() -> 1, () -> 2));
            assertEquals(List.of(1, 2), leaves);
            await(b);
        });
        assertEquals(List.of("a", "creator", "b"), order);
        assertTrue(loop.getTaskFactory() != null);
        loop.setTaskFactory(null);
        assertEquals(null, loop.getTaskFactory());
    }

    @Test
    void aFactoryCanWrapTheDefaultAndTheEagerBodiesTasksGoThroughItToo() throws Exception {
        AtomicInteger made = new AtomicInteger();
        loop.setTaskFactory((l, coroutine, name, context) -> {
            made.incrementAndGet();
            return Asyncio.eagerTaskFactory(l, coroutine, name, context);
        });
        int depth = loop.runUntilComplete(() -> await(loop.createTask(() -> await(loop.createTask(() -> 2)))));
        assertEquals(2, depth);
        assertEquals(3, made.get(), "the run's own task, the child, and the child's child made in an eager body");

        AtomicInteger plain = new AtomicInteger();
        loop.setTaskFactory((l, coroutine, name, context) -> {
            plain.incrementAndGet();
            return l.createTask(coroutine, name);
        });
        assertEquals(7, loop.runUntilComplete(loop.createTask(() -> 7)));
        assertEquals(1, plain.get(), "the factory's own createTask made a plain task, without recursing");
    }

    @Test
    void aTaskGroupOfEagerChildrenWaitsForThemAndRaisesTheFailureOfOneThatFailedAtOnce() throws Exception {
        loop.setTaskFactory(Asyncio::eagerTaskFactory);
        List<String> order = new ArrayList<>();
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(() -> {
            Asyncio.taskGroup(g -> {
                g.createTask(() -> {
                    try {
                        sleep(10);
                    } finally {
                        order.add("sleeper cancelled");
                    }
                });
                g.createTask(() -> {
                    order.add("failing at once");
                    throw new IllegalStateException("eager failure");
                });
                order.add("block ends");
            });
        }));
        assertEquals(List.of("failing at once", "block ends", "sleeper cancelled"), order);
        assertEquals("eager failure", group.exceptions().getFirst().getMessage());
    }

    @Test
    void aFactoryThatReturnsNoTaskOfTheLoopIsRefusedNamingWhatToReturn() {
        loop.setTaskFactory((l, coroutine, name, context) -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
        assertTrue(e.getMessage().contains("return a task of the loop it is given"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedNamingWhatToPass() {
        IllegalArgumentException noBody = assertThrows(IllegalArgumentException.class,
                () -> loop.createTask((Coroutine<Integer>) null, "x", true));
        assertTrue(noBody.getMessage().contains("pass the coroutine"), noBody.getMessage());
        IllegalArgumentException noLoop = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.eagerTaskFactory(null, () -> 1, null, null));
        assertTrue(noLoop.getMessage().contains("pass the loop"), noLoop.getMessage());
    }
}
