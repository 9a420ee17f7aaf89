package dev.aioloop;

import dev.aioloop.spi.Driver;

/**
 * A loop's time: the driver's nanosecond clock (the real one, or a virtual one in tests), read as
 * the seconds of {@link Loop#time()}. Every loop counts seconds from one origin, as asyncio's clock
 * is the process's monotonic clock, so that times of two loops compare.
 */
final class Clock {
    private static final long ORIGIN = System.nanoTime();
    // A quarter of the long range either way: deadlines are compared by subtraction, which must not
    // overflow even for callAt(-Infinity) or callLater(Infinity).
    private static final long FAR_NANOS = Long.MAX_VALUE / 4;

    private final Driver driver;

    Clock(Driver driver) {
        this.driver = driver;
    }

    long nanoTime() {
        return driver.nanoTime();
    }

    /** Now, in the loop's seconds. */
    double time() {
        return seconds(driver.nanoTime());
    }

    /** The nanosecond deadline {@code delay} seconds from now; a negative delay means now. */
    long deadlineAfter(double delay) {
        return driver.nanoTime() + toNanos(Math.max(0, delay));
    }

    /** The nanosecond deadline of {@code when}, in the loop's seconds. */
    static long deadlineAt(double when) {
        return ORIGIN + toNanos(when);
    }

    /** A nanosecond reading of the clock, in the loop's seconds. */
    static double seconds(long nanoTime) {
        return (nanoTime - ORIGIN) / 1e9;
    }

    static long toNanos(double seconds) {
        double nanos = seconds * 1e9;
        return nanos >= FAR_NANOS ? FAR_NANOS : nanos <= -FAR_NANOS ? -FAR_NANOS : (long) nanos;
    }
}
