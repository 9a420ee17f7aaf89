package dev.aioloop.sync;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.aioloop.AbstractLoopTest;
import dev.aioloop.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncTest extends AbstractLoopTest {

    private static void steps(int n) {
        for (int i = 0; i < n; i++) {
            sleep(0);
        }
    }

    // ---- Lock ----

    @Test
    void aLockExcludesAndServesWaitersInOrder() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Lock lock = new Lock();
            List<Task<?>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(createTask(() -> lock.withLock(() -> {
                    events.add(name + " in");
                    steps(2);
                    events.add(name + " out");
                    return null;
                })));
            }
            await(gather(tasks.toArray(new Task<?>[0])));
            assertFalse(lock.locked());
            assertThrows(IllegalStateException.class, lock::release);
            return null;
        });
        assertEquals(List.of("a in", "a out", "b in", "b out", "c in", "c out"), events);
    }

    @Test
    void aLockWaiterCancelledWhenWokenPassesTheLockOn() throws Exception {
        loop.runUntilComplete(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<?> first = createTask(() -> { lock.acquire(); return null; });
            Task<String> second = createTask(() -> lock.withLock(() -> "second got it"));
            steps(1);
            lock.release();   // wakes first...
            first.cancel();   // ...which is cancelled before it runs
            steps(3);
            assertTrue(first.cancelled());
            assertTrue(second.done(), "the wake-up was lost");
            assertEquals("second got it", second.result());
            assertFalse(lock.locked());
            return null;
        });
    }

    @Test
    void aCancelledLockWaiterDoesNotHoldUpTheOthers() throws Exception {
        loop.runUntilComplete(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<?> first = createTask(() -> { lock.acquire(); return null; });
            Task<String> second = createTask(() -> lock.withLock(() -> "second"));
            steps(1);
            first.cancel();
            steps(1);
            lock.release();
            steps(2);
            assertEquals("second", second.result());
            return null;
        });
    }

    // ---- Event ----

    @Test
    void anEventWakesEveryWaiterAndCanBeCleared() throws Exception {
        loop.runUntilComplete(() -> {
            Event e = new Event();
            List<Task<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(createTask(() -> { e.await(); return null; }));
            }
            steps(1);
            assertTrue(waiters.stream().noneMatch(Task::done));
            e.set();
            steps(1);
            assertTrue(waiters.stream().allMatch(Task::done));
            e.await();   // set: returns at once
            e.clear();
            assertFalse(e.isSet());
            Task<?> late = createTask(() -> { e.await(); return null; });
            steps(2);
            assertFalse(late.done());
            e.set();
            steps(1);
            assertTrue(late.done());
            return null;
        });
    }

    // ---- Condition ----

    @Test
    void notifyWakesTheFirstWaitersAndNotifyWaitersWakesAll() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Condition c = new Condition();
            for (String name : List.of("a", "b", "c")) {
                createTask(() -> c.withLock(() -> {
                    c.await();
                    assertTrue(c.locked());
                    events.add(name);
                    return null;
                }));
            }
            steps(1);
            c.withLock(() -> { c.signal(1); return null; });
            steps(3);
            assertEquals(List.of("a"), events);
            c.withLock(() -> { c.signalAll(); return null; });
            steps(4);
            assertEquals(List.of("a", "b", "c"), events);
            assertThrows(IllegalStateException.class, c::await);
            assertThrows(IllegalStateException.class, () -> c.signal(1));
            return null;
        });
    }

    @Test
    void aConditionWaiterCancelledAfterItsNotificationPassesItOn() throws Exception {
        loop.runUntilComplete(() -> {
            Condition c = new Condition();
            Task<?> first = createTask(() -> c.withLock(() -> { c.await(); return "first"; }));
            Task<?> second = createTask(() -> c.withLock(() -> { c.await(); return "second"; }));
            steps(1);
            c.acquire();
            c.signal(1);      // notifies first...
            first.cancel();   // ...which is cancelled before it runs
            c.release();
            steps(4);
            assertTrue(first.cancelled());
            assertTrue(second.done(), "the notification was lost");
            assertEquals("second", second.result());
            assertFalse(c.locked(), "a cancelled waiter must still release the lock it took back");
            return null;
        });
    }

    @Test
    void awaitUntilChecksThePredicateAfterEachWakeUp() throws Exception {
        loop.runUntilComplete(() -> {
            Condition c = new Condition();
            List<Integer> items = new ArrayList<>();
            Task<Integer> consumer = createTask(() -> c.withLock(() -> {
                c.awaitUntil(() -> items.size() >= 2);
                return items.get(0) + items.get(1);
            }));
            for (int i = 1; i <= 2; i++) {
                steps(1);
                int n = i;
                c.withLock(() -> { items.add(n); c.signalAll(); return null; });
                steps(1);
                assertEquals(i == 2, consumer.done());
            }
            assertEquals(3, consumer.result());
            return null;
        });
    }

    // ---- Semaphore ----

    @Test
    void aSemaphoreLimitsAndServesInOrder() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Semaphore s = new Semaphore(2);
            List<Task<?>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                tasks.add(createTask(() -> s.withPermit(() -> {
                    events.add(name + " in");
                    steps(2);
                    events.add(name + " out");
                    return null;
                })));
            }
            await(gather(tasks.toArray(new Task<?>[0])));
            assertEquals(2, s.value());
            return null;
        });
        assertEquals(List.of("a in", "b in", "a out", "b out", "c in", "d in", "c out", "d out"), events);
    }

    @Test
    void aNewcomerDoesNotOvertakeAWokenWaiter() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Semaphore s = new Semaphore(0);
            createTask(() -> { s.acquire(); events.add("waiter"); return null; });
            steps(1);
            s.release();   // the permit goes to the waiter
            createTask(() -> { s.acquire(); events.add("newcomer"); return null; });
            steps(3);
            assertEquals(0, s.value());
            return null;
        });
        assertEquals(List.of("waiter"), events);
    }

    @Test
    void aSemaphoreWaiterCancelledWhenWokenGivesThePermitToTheNext() throws Exception {
        loop.runUntilComplete(() -> {
            Semaphore s = new Semaphore(0);
            Task<?> first = createTask(() -> { s.acquire(); return "first"; });
            Task<?> second = createTask(() -> { s.acquire(); return "second"; });
            steps(1);
            s.release();      // hands the permit to first...
            first.cancel();   // ...which is cancelled before it runs
            steps(3);
            assertTrue(first.cancelled());
            assertTrue(second.done(), "the permit was lost");
            assertEquals(0, s.value());
            return null;
        });
    }

    @Test
    void aBoundedSemaphoreRefusesAnExtraRelease() throws Exception {
        loop.runUntilComplete(() -> {
            BoundedSemaphore s = new BoundedSemaphore(1);
            s.acquire();
            s.release();
            assertThrows(IllegalStateException.class, s::release);
            assertEquals(1, s.value());
            assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
            return null;
        });
    }

    // ---- Barrier ----

    @Test
    void aBarrierReleasesAllPartiesTogetherRoundAfterRound() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Barrier b = new Barrier(3);
            List<Task<?>> tasks = new ArrayList<>();
            Set<Integer> indices = new HashSet<>();
            for (int p = 0; p < 3; p++) {
                int party = p;
                tasks.add(createTask(async(() -> {
                    for (int round = 0; round < 2; round++) {
                        steps(party);
                        events.add("arrive " + round);
                        indices.add(b.await());
                        events.add("pass " + round);
                    }
                })));
            }
            await(gather(tasks.toArray(new Task<?>[0])));
            assertEquals(Set.of(0, 1, 2), indices);
            assertEquals(0, b.waiting());
            return null;
        });
        for (int round = 0; round < 2; round++) {
            String arrive = "arrive " + round;
            String pass = "pass " + round;
            assertEquals(3, events.stream().filter(arrive::equals).count());
            assertEquals(3, events.stream().filter(pass::equals).count());
            assertTrue(events.lastIndexOf(arrive) < events.indexOf(pass), "a party passed early: " + events);
        }
    }

    @Test
    void abortAndResetBreakTheWaiters() throws Exception {
        loop.runUntilComplete(() -> {
            Barrier b = new Barrier(3);
            Task<?> w1 = createTask(() -> b.await());
            steps(2);
            assertEquals(1, b.waiting());
            b.reset();
            steps(3);
            assertInstanceOf(BrokenBarrierError.class, w1.exception());
            assertFalse(b.broken());
            Task<?> w2 = createTask(() -> b.await());
            steps(2);
            b.abort();
            steps(3);
            assertInstanceOf(BrokenBarrierError.class, w2.exception());
            assertTrue(b.broken());
            assertThrows(BrokenBarrierError.class, b::await);
            assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
            return null;
        });
    }

    // ---- misuse ----

    @Test
    void aPrimitiveServesTheLoopOfItsFirstWaitOnly() throws Exception {
        Event e = new Event();
        loop.runUntilComplete(() -> {
            Task<?> waiter = createTask(() -> { e.await(); return null; });
            sleep(0);
            waiter.cancel();
            return null;
        });
        IllegalStateException wrongLoop = assertThrows(IllegalStateException.class, () -> run(() -> {
            e.await();
            return null;
        }));
        assertTrue(wrongLoop.getMessage().contains("another event loop"), wrongLoop.getMessage());
    }

    @Test
    void waitingOutsideATaskIsRefusedAndLeavesNoWaiterBehind() throws Exception {
        loop.runUntilComplete(() -> {
            Lock lock = new Lock();
            lock.acquire();
            IllegalStateException[] outside = new IllegalStateException[1];
            getRunningLoop().callSoon(() -> outside[0] = assertThrows(IllegalStateException.class, lock::acquire));
            sleep(0);
            assertNotNull(outside[0]);
            Task<String> next = createTask(() -> lock.withLock(() -> "next"));
            sleep(0);
            lock.release();
            steps(2);
            assertEquals("next", next.result());
            return null;
        });
    }

    // ---- stress ----

    /** Counts a holder in {@code holders[i]} (and its peak in {@code most[i]}) around a step and {@code body}. */
    private static <T> T inside(int[] holders, int[] most, int i, dev.aioloop.Coroutine<T> body) throws Exception {
        holders[i]++;
        most[i] = Math.max(most[i], holders[i]);
        try {
            sleep(0);
            return body.run();
        } finally {
            holders[i]--;
        }
    }

    @Test
    void stressPermitsAreNeverExceededNorLostDespiteRandomCancellations() throws Exception {
        int permits = 3;
        int workers = 12;
        int[] holders = {0, 0};   // of a permit, of the lock
        int[] most = {0, 0};
        int[] entries = {0};
        int[] cancellations = {0};
        Semaphore s = new Semaphore(permits);
        Lock lock = new Lock();
        loop.runUntilComplete(() -> {
            Random random = new Random(7L);
            List<Task<?>> tasks = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                tasks.add(createTask(async(() -> {
                    for (int round = 0; round < 200; round++) {
                        try {
                            s.withPermit(() -> inside(holders, most, 0, () -> lock.withLock(
                                    () -> inside(holders, most, 1, () -> entries[0]++))));
                        } catch (dev.aioloop.CancelledError e) {
                            // cancelled while waiting or inside: try the next round
                        }
                    }
                })));
            }
            while (tasks.stream().anyMatch(t -> !t.done())) {
                sleep(0);
                if (random.nextBoolean()) {
                    if (tasks.get(random.nextInt(workers)).cancel()) {
                        cancellations[0]++;
                    }
                }
            }
            return null;
        });
        assertEquals(permits, most[0], "permits held at once");
        assertEquals(1, most[1], "the lock let two tasks in");
        assertEquals(permits, s.value(), "permits were lost or made up");
        assertFalse(s.locked());
        assertFalse(lock.locked());
        assertTrue(entries[0] > 500, "too few entries to mean anything: " + entries[0]);
        assertTrue(cancellations[0] > 200, "too few cancellations to mean anything: " + cancellations[0]);
    }
}
