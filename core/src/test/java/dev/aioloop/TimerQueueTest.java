package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loop's timer heap on its own: earliest deadline first, then the earlier sequence, whatever was
 * added, removed or drained before. Deadlines here are small numbers of nanoseconds.
 */
class TimerQueueTest {
    /** The order the queue must keep, written out plainly. */
    private static final Comparator<TimerHandle> BY_DEADLINE_THEN_SEQUENCE =
            Comparator.<TimerHandle>comparingLong(h -> h.deadlineNanos).thenComparingLong(h -> h.sequence);

    private final TimerQueue queue = new TimerQueue();
    private long nextSequence;

    /** A timer for {@code deadline}, numbered after the ones made before, as {@code Loop.arm} does. */
    private TimerHandle timer(long deadline) {
        TimerHandle h = new TimerHandle(null, null);
        h.deadlineNanos = deadline;
        h.sequence = nextSequence++;
        return h;
    }

    private TimerHandle added(long deadline) {
        TimerHandle h = timer(deadline);
        queue.add(h);
        return h;
    }

    /** The timers due at {@code now}, taken out of the queue in the order it gives them. */
    private List<TimerHandle> drain(long now) {
        ArrayDeque<Object> ready = new ArrayDeque<>();
        queue.drainExpired(now, ready);
        List<TimerHandle> due = new ArrayList<>();
        for (Object o : ready) {
            due.add((TimerHandle) o);
        }
        return due;
    }

    private List<TimerHandle> drainAll() {
        return drain(Long.MAX_VALUE / 2);
    }

    private static List<Long> deadlines(List<TimerHandle> timers) {
        return timers.stream().map(h -> h.deadlineNanos).toList();
    }

    @Test
    void timersComeOutByDeadline() {
        for (long d : new long[] {50, 10, 40, 20, 30}) {
            added(d);
        }

        assertEquals(10, queue.nextDeadline());
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), deadlines(drainAll()));
        assertTrue(queue.isEmpty());
    }

    @Test
    void timersWithTheSameDeadlineComeOutFirstInFirstOut() {
        List<TimerHandle> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(added(7));
            added(3 + 5 * (i % 2));   // 3 and 8, around the tied ones
        }

        List<TimerHandle> tied = drainAll().stream().filter(h -> h.deadlineNanos == 7).toList();

        assertEquals(expected, tied);
    }

    @Test
    void aTieIsBrokenByTheSequenceNotByTheOrderOfAdding() {
        TimerHandle first = timer(5);
        TimerHandle second = timer(5);
        queue.add(second);
        queue.add(first);

        assertEquals(List.of(first, second), drainAll());
    }

    @Test
    void deadlinesCompareAsNanoTimeDoesAcrossItsWrap() {
        long beforeWrap = Long.MAX_VALUE - 5;
        TimerHandle later = added(beforeWrap + 10);   // wrapped: negative, yet 10 ns after
        TimerHandle earlier = added(beforeWrap);

        assertEquals(beforeWrap, queue.nextDeadline());
        assertEquals(List.of(earlier), drain(beforeWrap + 5));
        assertEquals(List.of(later), drain(beforeWrap + 10));
    }

    @Test
    void removingTheEarliestTheLatestOrOneInTheMiddleKeepsTheOthersInOrder() {
        List<TimerHandle> timers = new ArrayList<>();
        for (long d : new long[] {60, 20, 90, 10, 70, 30, 50, 80, 40}) {
            timers.add(added(d));
        }
        TimerHandle earliest = timers.get(3);
        TimerHandle latest = timers.get(2);
        TimerHandle middle = timers.get(6);

        assertTrue(queue.remove(earliest));
        assertEquals(20, queue.nextDeadline());
        assertTrue(queue.remove(latest));
        assertTrue(queue.remove(middle));

        assertEquals(6, queue.size());
        assertEquals(List.of(20L, 30L, 40L, 60L, 70L, 80L), deadlines(drainAll()));
    }

    @Test
    void removingTheTimerInTheLastSlotKeepsTheOthersInOrder() {
        TimerHandle lastAdded = null;
        for (long d : new long[] {10, 20, 30, 40, 50}) {
            lastAdded = added(d);   // ascending: nothing moves, the last added stays in the last slot
        }

        assertTrue(queue.remove(lastAdded));

        assertEquals(List.of(10L, 20L, 30L, 40L), deadlines(drainAll()));
    }

    @Test
    void aRemovalWhoseReplacementIsEarlierThanItsParentMovesItUp() {
        // Added in this order the heap is [10, 40, 20, 50, 60, 70, 30]: removing 50 puts 30 under 40.
        List<TimerHandle> timers = new ArrayList<>();
        for (long d : new long[] {10, 40, 20, 50, 60, 70, 30}) {
            timers.add(added(d));
        }

        assertTrue(queue.remove(timers.get(3)));

        assertEquals(List.of(10L, 20L, 30L, 40L, 60L, 70L), deadlines(drainAll()));
    }

    @Test
    void removingAnyOneOfManyKeepsTheRestInOrder() {
        long[] layout = {33, 7, 21, 7, 50, 1, 44, 13, 29, 7, 38, 2, 60, 17, 25, 9, 41, 5, 55, 12};
        for (int victim = 0; victim < layout.length; victim++) {
            queue.clear();
            List<TimerHandle> timers = new ArrayList<>();
            for (long d : layout) {
                timers.add(added(d));
            }
            TimerHandle removed = timers.remove(victim);

            assertTrue(queue.remove(removed), "remove #" + victim);

            timers.sort(BY_DEADLINE_THEN_SEQUENCE);
            assertEquals(timers, drainAll(), "after removing #" + victim);
        }
    }

    @Test
    void removingATimerThatIsNotInTheQueueReturnsFalse() {
        TimerHandle kept = added(10);
        TimerHandle neverAdded = timer(20);
        TimerHandle removedOnce = added(30);
        TimerHandle drained = added(5);

        assertFalse(queue.remove(neverAdded));
        assertTrue(queue.remove(removedOnce));
        assertFalse(queue.remove(removedOnce));
        assertEquals(List.of(drained), drain(5));
        assertFalse(queue.remove(drained));

        assertEquals(1, queue.size());
        assertEquals(List.of(kept), drainAll());
    }

    @Test
    void drainExpiredTakesExactlyTheTimersDueAndInOrder() {
        for (long d : new long[] {40, 10, 30, 20}) {
            added(d);
        }

        assertEquals(List.of(10L, 20L), deadlines(drain(25)));
        assertEquals(List.of(), drain(25));
        assertEquals(List.of(30L), deadlines(drain(30)), "a deadline equal to now is due");
        assertEquals(1, queue.size());
        assertEquals(40, queue.nextDeadline());
    }

    @Test
    void clearEmptiesTheQueueAndItsTimersCanBeAddedAgain() {
        List<TimerHandle> timers = new ArrayList<>();
        for (long d = 1; d <= 5; d++) {
            timers.add(added(d));
        }

        queue.clear();

        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        assertEquals(List.of(), drainAll());
        assertFalse(queue.remove(timers.get(2)), "a cleared timer is no longer in the queue");
        queue.add(timers.get(4));
        queue.add(timers.get(0));
        assertEquals(List.of(timers.get(0), timers.get(4)), drainAll());
    }

    @Test
    void theQueueGrowsPastItsFirstSixteenSlots() {
        for (long d = 100; d > 0; d--) {
            added(d);
        }

        assertEquals(100, queue.size());
        assertEquals(1, queue.nextDeadline());
        List<Long> expected = new ArrayList<>();
        for (long d = 1; d <= 100; d++) {
            expected.add(d);
        }
        assertEquals(expected, deadlines(drainAll()));
    }

    @Test
    void randomAddsRemovesAndDrainsAgreeWithASortedList() {
        Random random = new Random(20261126L);
        List<TimerHandle> model = new ArrayList<>();
        List<TimerHandle> gone = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 5_000; step++) {
            int op = random.nextInt(10);
            if (op < 5) {
                // Few distinct deadlines, so that ties are common.
                TimerHandle h = added(now + random.nextInt(40));
                model.add(h);
                model.sort(BY_DEADLINE_THEN_SEQUENCE);
            } else if (op < 8 && !model.isEmpty()) {
                TimerHandle h = model.remove(random.nextInt(model.size()));
                assertTrue(queue.remove(h), "step " + step);
                gone.add(h);
            } else if (op == 8 && !gone.isEmpty()) {
                assertFalse(queue.remove(gone.get(random.nextInt(gone.size()))), "step " + step);
            } else {
                now += random.nextInt(15);
                List<TimerHandle> due = new ArrayList<>();
                while (!model.isEmpty() && model.get(0).deadlineNanos <= now) {
                    due.add(model.remove(0));
                }
                assertEquals(due, drain(now), "step " + step);
                gone.addAll(due);
            }
            assertEquals(model.size(), queue.size(), "step " + step);
            if (!model.isEmpty()) {
                assertEquals(model.get(0).deadlineNanos, queue.nextDeadline(), "step " + step);
            }
        }
        assertEquals(model, drainAll());
    }
}
