package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reference transcripts in the test resources, and how an output is held against them. */
final class Transcripts {
    /** How far a time may be from the reference's: the notebook's own runs vary by a few milliseconds. */
    static final int TOLERANCE_MILLIS = 15;
    private static final Pattern TIMED = Pattern.compile("(\\d+)s \\+ (\\d{3})ms (.*)");

    private Transcripts() {
    }

    /** The lines of {@code transcripts/NAME.txt}. */
    static List<String> reference(String name) throws IOException {
        try (InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no reference transcripts/" + name + ".txt in the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * Fails unless {@code actual} has the lines of {@code expected}, identical but for the times of
     * {@code showTimer} lines, each within {@link #TOLERANCE_MILLIS} of the reference's.
     */
    static void assertMatches(List<String> expected, List<String> actual, String context) {
        String why = mismatch(expected, actual);
        if (why != null) {
            fail(why + "\n--- expected\n" + String.join("\n", expected) + "\n--- actual\n" + String.join("\n", actual)
                    + "\n" + context);
        }
    }

    private static String mismatch(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= actual.size()) {
                return "line " + (i + 1) + " is missing: " + expected.get(i);
            }
            if (i >= expected.size()) {
                return "line " + (i + 1) + " is extra: " + actual.get(i);
            }
            Matcher e = TIMED.matcher(expected.get(i));
            Matcher a = TIMED.matcher(actual.get(i));
            if (!e.matches()) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return "line " + (i + 1) + " differs";
                }
            } else if (!a.matches() || !e.group(3).equals(a.group(3))) {
                return "line " + (i + 1) + " differs apart from its time";
            } else if (Math.abs(millis(e) - millis(a)) > TOLERANCE_MILLIS) {
                return "line " + (i + 1) + " is " + (millis(a) - millis(e)) + " ms off the reference's time, more than "
                        + TOLERANCE_MILLIS;
            }
        }
        return null;
    }

    private static long millis(Matcher timed) {
        return Long.parseLong(timed.group(1)) * 1000 + Long.parseLong(timed.group(2));
    }
}
