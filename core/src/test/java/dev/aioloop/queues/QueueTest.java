package dev.aioloop.queues;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.aioloop.AbstractLoopTest;
import dev.aioloop.CancelledError;
import dev.aioloop.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueTest extends AbstractLoopTest {

    @Test
    void fifoLifoAndPriorityOrders() throws Exception {
        loop.runUntilComplete(() -> {
            Queue<Integer> fifo = new Queue<>();
            LifoQueue<Integer> lifo = new LifoQueue<>();
            PriorityQueue<Integer> prio = new PriorityQueue<>();
            PriorityQueue<Integer> reversed = new PriorityQueue<>(0, Comparator.reverseOrder());
            for (int i : new int[] {2, 3, 1}) {
                fifo.put(i);
                lifo.put(i);
                prio.put(i);
                reversed.put(i);
            }
            assertEquals(List.of(2, 3, 1), List.of(fifo.get(), fifo.get(), fifo.get()));
            assertEquals(List.of(1, 3, 2), List.of(lifo.get(), lifo.get(), lifo.get()));
            assertEquals(List.of(1, 2, 3), List.of(prio.get(), prio.get(), prio.get()));
            assertEquals(List.of(3, 2, 1), List.of(reversed.get(), reversed.get(), reversed.get()));
            return null;
        });
    }

    @Test
    void nowaitFormsFailOnFullAndEmpty() {
        Queue<String> q = new Queue<>(1);
        assertThrows(QueueEmpty.class, q::getNowait);
        q.putNowait("a");
        assertTrue(q.full());
        assertThrows(QueueFull.class, () -> q.putNowait("b"));
        assertEquals("a", q.getNowait());
        assertThrows(IllegalArgumentException.class, () -> q.putNowait(null));
        assertEquals(0, q.qsize());
    }

    @Test
    void putWaitsForRoomAndGettersAreServedInOrder() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Queue<String> q = new Queue<>(1);
            Task<?> g1 = createTask(() -> { events.add("g1 got " + q.get()); return null; });
            Task<?> g2 = createTask(() -> { events.add("g2 got " + q.get()); return null; });
            sleep(0);   // both getters wait
            q.put("x");
            q.put("y");   // waits until g1 took x
            events.add("y put");
            await(gather(g1, g2));
            return null;
        });
        assertEquals(List.of("g1 got x", "y put", "g2 got y"), events);
    }

    @Test
    void joinWaitsForEveryTaskDone() throws Exception {
        List<String> events = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>();
            createTask(async(() -> {
                while (true) {
                    int n = q.get();
                    sleep(0);
                    events.add("handled " + n);
                    q.taskDone();
                }
            }));
            q.put(1);
            q.put(2);
            q.join();
            events.add("joined");
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
        assertEquals(List.of("handled 1", "handled 2", "joined"), events);
    }

    @Test
    void shutdownFailsPutsAndDrainsGets() throws Exception {
        loop.runUntilComplete(() -> {
            Queue<String> q = new Queue<>(1);
            q.put("left");
            Task<?> putter = createTask(() -> { q.put("blocked"); return null; });
            sleep(0);
            q.shutdown(false);
            assertThrows(QueueShutDown.class, () -> await(putter));
            assertThrows(QueueShutDown.class, () -> q.putNowait("late"));
            assertEquals("left", q.get());   // what is in the queue still comes out
            assertThrows(QueueShutDown.class, q::get);
            assertThrows(QueueShutDown.class, q::getNowait);

            Queue<String> idle = new Queue<>();
            Task<?> getter = createTask(() -> idle.get());
            sleep(0);
            idle.shutdown(false);
            assertThrows(QueueShutDown.class, () -> await(getter));
            return null;
        });
    }

    @Test
    void immediateShutdownDropsTheItemsAndReleasesJoin() throws Exception {
        loop.runUntilComplete(() -> {
            Queue<String> q = new Queue<>();
            q.put("a");
            q.put("b");
            Task<?> joiner = createTask(() -> { q.join(); return "joined"; });
            sleep(0);
            q.shutdown(true);
            assertEquals("joined", await(joiner));
            assertThrows(QueueShutDown.class, q::get);
            return null;
        });
    }

    @Test
    void aGetterCancelledWhenWokenLeavesTheItemToTheNext() throws Exception {
        loop.runUntilComplete(() -> {
            Queue<String> q = new Queue<>();
            Task<String> g1 = createTask(q::get);
            Task<String> g2 = createTask(q::get);
            sleep(0);   // both wait, g1 first
            q.putNowait("item");   // wakes g1...
            g1.cancel();           // ...which is cancelled before it runs
            sleep(0);
            sleep(0);
            assertTrue(g2.done(), "the wake-up was lost");
            assertEquals("item", g2.result());
            assertTrue(g1.cancelled());
            assertTrue(q.empty());
            return null;
        });
    }

    @Test
    void aPutterCancelledWhenWokenLeavesTheRoomToTheNext() throws Exception {
        loop.runUntilComplete(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("full");
            Task<?> p1 = createTask(() -> { q.put("p1"); return null; });
            Task<?> p2 = createTask(() -> { q.put("p2"); return null; });
            sleep(0);
            assertEquals("full", q.getNowait());   // wakes p1...
            p1.cancel();                            // ...which is cancelled before it runs
            sleep(0);
            sleep(0);
            assertTrue(p2.done(), "the wake-up was lost");
            assertTrue(p1.cancelled());
            assertEquals("p2", q.getNowait());
            return null;
        });
    }

    @Test
    void stressEveryItemIsAccountedForOnceDespiteRandomCancellations() throws Exception {
        int producers = 4;
        int consumers = 3;
        int perProducer = 500;
        List<String> consumed = new ArrayList<>();
        List<String> notPut = new ArrayList<>();
        int[] cancellations = {0};
        loop.runUntilComplete(() -> {
            Random random = new Random(20261126L);
            Queue<String> q = new Queue<>(3);
            List<Task<?>> producing = new ArrayList<>();
            List<Task<?>> all = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                Task<?> t = createTask(async(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        String item = id + ":" + i;
                        try {
                            q.put(item);
                        } catch (CancelledError e) {
                            notPut.add(item);
                        }
                        try {
                            sleep(0);
                        } catch (CancelledError ignored) {
                            // a cancellation between two puts: go on
                        }
                    }
                }));
                producing.add(t);
                all.add(t);
            }
            List<Task<?>> consuming = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                Task<?> t = createTask(async(() -> {
                    while (true) {
                        try {
                            consumed.add(q.get());
                            q.taskDone();
                        } catch (CancelledError e) {
                            continue;
                        } catch (QueueShutDown e) {
                            return;
                        }
                        try {
                            sleep(0);
                        } catch (CancelledError ignored) {
                            // a cancellation between two gets: go on
                        }
                    }
                }));
                consuming.add(t);
                all.add(t);
            }
            while (producing.stream().anyMatch(t -> !t.done())) {
                sleep(0);
                if (random.nextInt(3) == 0) {
                    Task<?> victim = all.get(random.nextInt(all.size()));
                    if (victim.cancel()) {
                        cancellations[0]++;
                    }
                }
            }
            q.join();
            q.shutdown(false);
            await(gather(consuming.toArray(new Task<?>[0])));
            return null;
        });
        Set<String> seen = new HashSet<>();
        for (String item : consumed) {
            assertTrue(seen.add(item), "consumed twice: " + item);
        }
        for (String item : notPut) {
            assertTrue(seen.add(item), "both consumed and not put: " + item);
        }
        assertEquals(producers * perProducer, seen.size());
        assertTrue(cancellations[0] > 100, "too few cancellations to mean anything: " + cancellations[0]);
        assertFalse(notPut.isEmpty(), "no put was ever cancelled");
    }
}
