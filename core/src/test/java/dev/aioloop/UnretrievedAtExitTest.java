package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failure nobody retrieved shows in a program that ends at once: the loop's close reports it,
 * once, with the task's name and the stack; Asyncio.run's own failure is thrown instead.
 */
class UnretrievedAtExitTest {

    @Test
    void eachUnretrievedFailureIsReportedOnceWhenItsLoopClosesAndTheMainFailureIsThrown() throws Exception {
        try (ChildJvm child = ChildJvm.start(true, UnretrievedChild.class)) {
            assertEquals(0, child.awaitExit(), child.describe());

            assertEquals(List.of("run returned main done", "run threw main failed", "runner ran twice", "loop closed"),
                    child.out(), child.describe());
            List<String> err = child.err();
            assertReportedOnce(err, "Task exception was never retrieved: worker", "java.io.IOException: worker failed");
            assertReportedOnce(err, "Task exception was never retrieved: first run's",
                    "java.io.IOException: left by the first run");
            assertReportedOnce(err, "Task exception was never retrieved: Task-1",
                    "java.io.IOException: failed as the loop stopped");
            assertEquals(3, err.stream().filter(l -> l.contains("was never retrieved")).count(), child.describe());
            assertTrue(err.stream().noneMatch(l -> l.contains("main failed")), "the main task's failure was thrown, not "
                    + "reported: " + child.describe());
        }
    }

    /** The log's message line, then the exception, then its stack. */
    private static void assertReportedOnce(List<String> err, String message, String exception) {
        List<Integer> at = new java.util.ArrayList<>();
        for (int i = 0; i < err.size(); i++) {
            if (err.get(i).endsWith(message)) {
                at.add(i);
            }
        }
        assertEquals(1, at.size(), message + " in " + err);
        int line = at.get(0);
        assertEquals(exception, err.get(line + 1), err.toString());
        assertTrue(err.get(line + 2).startsWith("\tat "), err.toString());
    }
}
