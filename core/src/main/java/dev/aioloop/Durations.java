package dev.aioloop;

import java.time.Duration;

/** A {@link Duration} as the seconds the loop's API counts in, for the {@code Duration} overloads. */
final class Durations {
    private Durations() {
    }

    /**
     * {@code duration} in seconds.
     *
     * @param what the call, for the message when {@code duration} is null
     */
    static double seconds(Duration duration, String what) {
        if (duration == null) {
            throw new IllegalArgumentException(what + "(null): give a Duration, or the seconds as a double");
        }
        // Seconds and nanos apart: toNanos() overflows past 292 years, a fair "forever".
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
