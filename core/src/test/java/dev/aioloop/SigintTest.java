package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C, as the notebook's "bye" cells use it: a real SIGINT sent to a JVM of its own (it would end
 * the test JVM), whose main thread runs a loop.
 */
class SigintTest {

    private static void interruptAndResume(String mode) throws Exception {
        try (ChildJvm child = ChildJvm.start(true, SigintChild.class, mode)) {
            child.awaitLine("waiting");
            assertEquals(List.of("main thread loop true", "SIGINT ignored false", "waiting"), child.out(),
                    "a JVM started with SIGINT ignored cannot test Ctrl-C; " + child.describe());

            child.signal("INT");
            child.awaitLine("outside runs");

            assertEquals(List.of("main thread loop true", "SIGINT ignored false", "waiting",
                    "KeyboardInterrupt", "closed false", "running false", "task done false",
                    "task still in the loop true", "resumed with go", "outside runs"), child.out(), child.describe());

            // Outside runs the JVM's own handling is back: a SIGINT ends the process with 128 + 2.
            child.signal("INT");
            assertEquals(130, child.awaitExit(), child.describe());
        }
    }

    @Test
    void sigintEndsRunForeverWithKeyboardInterruptLeavingTheLoopWholeAndResumable() throws Exception {
        interruptAndResume("forever");
    }

    @Test
    void sigintDuringAsyncioRunCancelsTheMainTaskLetsItsFinallyRunThenThrowsKeyboardInterrupt() throws Exception {
        try (ChildJvm child = ChildJvm.start(true, SigintRunChild.class)) {
            child.awaitLine("waiting");

            child.signal("INT");

            assertEquals(0, child.awaitExit(), child.describe());
            assertEquals(List.of("waiting", "main cancelled", "main finally", "KeyboardInterrupt"), child.out(),
                    child.describe());
        }
    }

    @Test
    void sigintEndsRunUntilCompleteWithKeyboardInterruptLeavingTheLoopWholeAndResumable() throws Exception {
        interruptAndResume("until");
    }
}
