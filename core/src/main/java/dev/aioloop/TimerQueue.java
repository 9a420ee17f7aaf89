package dev.aioloop;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by scheduling order, so that timers
 * due at the same instant fire first-in first-out. Each handle knows its slot, so a cancelled timer
 * leaves the heap at once instead of lingering until its deadline.
 *
 * <p>Why not Netty's {@code HashedWheelTimer} here: its ticks (100 ms by default) are far coarser
 * than asyncio's timers, and {@code sleep(0.01)} must be as punctual as asyncio's. Nor for mass
 * timeouts mostly cancelled before they fire: measured side by side (the bench's {@code timeouts}), an
 * arm and cancel here, on the loop's thread with no atomics, costs less than on the wheel.
 */
final class TimerQueue {
    private TimerHandle[] heap = new TimerHandle[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest deadline; only when not empty. */
    long nextDeadline() {
        return heap[0].deadlineNanos;
    }

    void add(TimerHandle h) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, h);
    }

    /** Takes {@code h} out of the queue; false if it was not in it (never armed, due, or removed). */
    boolean remove(TimerHandle h) {
        int i = h.heapIndex;
        if (i < 0) {
            return false;
        }
        h.heapIndex = -1;
        TimerHandle last = heap[--size];
        heap[size] = null;
        if (last != h) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
        return true;
    }

    /** Moves every timer due at {@code now} or earlier to {@code ready}, earliest first. */
    void drainExpired(long now, ArrayDeque<? super TimerHandle> ready) {
        while (size > 0 && heap[0].deadlineNanos - now <= 0) {
            TimerHandle h = heap[0];
            remove(h);
            ready.addLast(h);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void siftUp(int i, TimerHandle h) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerHandle p = heap[parent];
            if (!h.before(p)) {
                break;
            }
            place(i, p);
            i = parent;
        }
        place(i, h);
    }

    private void siftDown(int i, TimerHandle h) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerHandle c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(h)) {
                break;
            }
            place(i, c);
            i = child;
        }
        place(i, h);
    }

    private void place(int i, TimerHandle h) {
        heap[i] = h;
        h.heapIndex = i;
    }
}
