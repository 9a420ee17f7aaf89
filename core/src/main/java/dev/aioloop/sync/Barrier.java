package dev.aioloop.sync;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}. Each task calls
 * {@link #await()}; the last of {@code parties} to arrive releases them all, and the barrier fills
 * again for the next round once they have all left. {@link #abort()} breaks it for good and
 * {@link #reset()} sends the waiting tasks a {@link BrokenBarrierError}.
 *
 * <pre>{@code
 * Barrier start = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     createTask(() -> { int arrival = start.await(); return work(arrival); });
 * }
 * }</pre>
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("A Barrier needs at least 1 party, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks have arrived: asyncio's {@code Barrier.wait()}.
     *
     * @return this task's arrival index, 0 for the first, {@code parties - 1} for the one that
     *         released the others
     * @throws BrokenBarrierError if the barrier is or gets broken or reset
     */
    public int await() {
        cond.acquire();
        try {
            cond.awaitUntil(() -> state != State.DRAINING && state != State.RESETTING);
            if (state == State.BROKEN) {
                throw new BrokenBarrierError("Barrier aborted");
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    state = State.DRAINING;
                    cond.signalAll();
                } else {
                    cond.awaitUntil(() -> state != State.FILLING);
                    if (state == State.BROKEN || state == State.RESETTING) {
                        throw new BrokenBarrierError("Barrier aborted or reset while waiting");
                    }
                }
                return index;
            } finally {
                count--;
                if (count == 0) {
                    if (state == State.RESETTING || state == State.DRAINING) {
                        state = State.FILLING;
                    }
                    cond.signalAll();
                }
            }
        } finally {
            cond.release();
        }
    }

    /** Returns the barrier to empty and filling; tasks waiting at it get a {@link BrokenBarrierError}. */
    public void reset() {
        changeState(() -> state = count > 0 ? State.RESETTING : State.FILLING);
    }

    /** Breaks the barrier: waiting tasks and every later {@link #await()} get a {@link BrokenBarrierError}. */
    public void abort() {
        changeState(() -> state = State.BROKEN);
    }

    /** Applies {@code change} holding the lock, and wakes every waiter to look at the new state. */
    private void changeState(Runnable change) {
        cond.acquire();
        try {
            change.run();
            cond.signalAll();
        } finally {
            cond.release();
        }
    }

    /** The number of tasks it takes to pass. */
    public int parties() {
        return parties;
    }

    /** How many tasks wait at it now, while filling. */
    public int waiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether it was aborted. */
    public boolean broken() {
        return state == State.BROKEN;
    }
}
