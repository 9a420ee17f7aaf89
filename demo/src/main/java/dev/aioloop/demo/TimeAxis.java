package dev.aioloop.demo;

import java.math.BigDecimal;
import java.util.List;

/**
 * The time axis both charts share: it starts when the first task was created and ends when the
 * scenario did; ticks and columns fall on round steps (1, 2 or 5 times a power of ten seconds).
 */
record TimeAxis(double origin, double end) {
    static TimeAxis of(List<TaskLife> lives, double end) {
        double origin = end;
        for (TaskLife life : lives) {
            origin = Math.min(origin, life.created());
        }
        return new TimeAxis(origin, end);
    }

    double span() {
        return end - origin;
    }

    /** The smallest round step that cuts the axis into at most {@code parts} pieces. */
    double roundStep(int parts) {
        double atLeast = Math.max(span() / parts, 1e-3);
        double power = Math.pow(10, Math.floor(Math.log10(atLeast)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            // The tolerance keeps 0.1 from becoming 0.2 when the quotient lands a hair above it.
            if (factor * power >= atLeast * (1 - 1e-9)) {
                return factor * power;
            }
        }
        throw new AssertionError("10 times the power of ten below a number is above it");
    }

    /** A time on the axis, for a tick: {@code 0s}, {@code 1.5s}, {@code 0.25s}. */
    static String label(double seconds) {
        BigDecimal rounded = BigDecimal.valueOf(Math.round(seconds * 1000), 3).stripTrailingZeros();
        return (rounded.signum() == 0 ? "0" : rounded.toPlainString()) + "s";
    }
}
