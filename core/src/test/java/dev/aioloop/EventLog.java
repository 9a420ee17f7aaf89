package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** An ordered record of what happened in a loop, each event stamped with the loop's time. */
final class EventLog {
    // Loop times are doubles computed from nanoseconds: allow for the rounding of the conversion.
    private static final double ROUNDING = 1e-9;

    private final Loop loop;
    private final List<String> events = new ArrayList<>();
    private final List<Double> times = new ArrayList<>();

    EventLog(Loop loop) {
        this.loop = loop;
    }

    void add(String event) {
        events.add(event);
        times.add(loop.time());
    }

    List<String> events() {
        return List.copyOf(events);
    }

    double timeOf(String event) {
        int i = events.indexOf(event);
        if (i < 0) {
            fail("no event '" + event + "' in " + events);
        }
        return times.get(i);
    }

    /** Asserts that {@code later} happened at least {@code seconds} after {@code earlier}. */
    void assertApart(String earlier, String later, double seconds) {
        double gap = timeOf(later) - timeOf(earlier);
        assertTrue(gap >= seconds - ROUNDING,
                "'" + later + "' came " + gap + " s after '" + earlier + "', expected at least " + seconds + " s");
    }
}
