package dev.aioloop.junit;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.VirtualClock;

/**
 * Moves the virtual clock of the running loop on purpose, from inside an
 * {@code @AsyncioTest(virtualTime = true)} test (or any task of a loop made by
 * {@link Asyncio#newVirtualTimeLoop()}): kotlinx-coroutines-test's scheduler controls, over core's
 * {@link VirtualClock}. Elsewhere each refuses with an {@link IllegalStateException} that says what
 * it needs.
 *
 * <pre>{@code
 * @AsyncioTest(virtualTime = true)
 * void theCacheExpiresAfterAMinute() {
 *     cache.put("k", "v");
 *     VirtualTime.advanceTimeBy(59);
 *     assertEquals("v", cache.get("k"));
 *     VirtualTime.advanceTimeBy(1);
 *     VirtualTime.runCurrent();        // the expiry due at exactly +60 s
 *     assertNull(cache.get("k"));
 * }
 * }</pre>
 */
public final class VirtualTime {
    private VirtualTime() {
    }

    /**
     * Lets the other tasks and callbacks run while the clock moves from timer to timer, for
     * {@code seconds}; the caller resumes exactly that much later. What is due at that very moment
     * is left for {@link #runCurrent()} or the caller's next await.
     */
    public static void advanceTimeBy(double seconds) {
        clock("advanceTimeBy").advanceTimeBy(seconds);
    }

    /**
     * Runs the other tasks and callbacks, moving the clock from timer to timer, until each of them
     * is done or waits on something other than a timer.
     */
    public static void advanceUntilIdle() {
        clock("advanceUntilIdle").advanceUntilIdle();
    }

    /** Runs what is ready now, and what that makes ready at this time, without moving the clock. */
    public static void runCurrent() {
        clock("runCurrent").runCurrent();
    }

    private static VirtualClock clock(String what) {
        Loop loop;
        try {
            loop = Asyncio.getRunningLoop();
        } catch (IllegalStateException none) {
            throw new IllegalStateException("VirtualTime." + what + "() must be called inside a task of a loop on "
                    + "virtual time: from the body of an @AsyncioTest(virtualTime = true) test", none);
        }
        return VirtualClock.of(loop).orElseThrow(() -> new IllegalStateException("VirtualTime." + what
                + "() needs a loop on virtual time: annotate the test @AsyncioTest(virtualTime = true), or make the "
                + "loop with Asyncio.newVirtualTimeLoop()"));
    }
}
