package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Loop#addSignalHandler} and {@link Loop#removeSignalHandler}: real signals go to a JVM of
 * its own (an unhandled one would end the test JVM); bad input is refused here.
 */
class SignalHandlerTest {

    @Test
    void realSignalsRunTheirCallbacksOnTheLoopsThreadAndTheCloseGivesThemBackToTheJvm() throws Exception {
        try (ChildJvm child = ChildJvm.start(true, SignalHandlerChild.class)) {
            child.awaitLine("ready");

            child.signal("USR2");
            child.awaitLine("USR2 on the loop's thread true, removed true, again false");
            // A SIGINT handler makes Ctrl-C the program's: no KeyboardInterrupt, the loop runs on.
            child.signal("INT");
            child.awaitLine("INT handled");
            child.signal("TERM");
            child.awaitLine("closed");
            assertEquals(List.of("ready", "USR2 on the loop's thread true, removed true, again false", "INT handled",
                    "TERM handled", "stopped", "closed"), child.out(), child.describe());

            // After the close, the JVM's default: SIGTERM ends the process with 128 + 15.
            child.signal("TERM");
            assertEquals(143, child.awaitExit(), child.describe());
        }
    }

    @Test
    void aSignalOutsideTheSupportedOnesIsRefusedNamingThem() {
        Loop loop = Asyncio.newEventLoop();
        try {
            for (String signal : new String[] {"QUIT", "SIGTERM", "term", "KILL", null}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> loop.addSignalHandler(signal, () -> { }));
                assertEquals("addSignalHandler(" + signal + ", ...): give one of [INT, TERM, HUP, USR1, USR2] "
                        + "(the name without SIG)", e.getMessage());
            }
            IllegalArgumentException removal = assertThrows(IllegalArgumentException.class,
                    () -> loop.removeSignalHandler("QUIT"));
            assertEquals("removeSignalHandler(QUIT): give one of [INT, TERM, HUP, USR1, USR2] (the name without SIG)",
                    removal.getMessage());
        } finally {
            loop.close();
        }
    }

    @Test
    void aNullCallbackIsRefusedAndNothingIsInstalled() {
        Loop loop = Asyncio.newEventLoop();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.addSignalHandler("HUP", null));
            assertEquals("addSignalHandler(HUP, null): pass the callback to run", e.getMessage());
            assertFalse(loop.removeSignalHandler("HUP"));
        } finally {
            loop.close();
        }
    }

    @Test
    void removalTellsWhetherTheLoopHadAHandlerAndAClosedLoopTakesNoNewOne() {
        Loop loop = Asyncio.newEventLoop();
        Object before = current("USR1");
        loop.addSignalHandler("USR1", () -> { });
        loop.addSignalHandler("USR1", () -> { });
        assertTrue(loop.removeSignalHandler("USR1"));
        assertFalse(loop.removeSignalHandler("USR1"));
        // What the first handler replaced is back, not the first handler.
        assertEquals(before, current("USR1"));

        loop.addSignalHandler("USR1", () -> { });
        loop.close();
        assertEquals(before, current("USR1"), "the close removes the loop's handlers");
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> loop.addSignalHandler("USR1", () -> { }));
        assertEquals("Event loop is closed", closed.getMessage());
    }

    /** The JVM's handler of {@code signal} now, which stays. */
    private static Object current(String signal) {
        Object current = SignalHandlers.handle(signal, SignalHandlers.jvmHandler("probe", () -> { }));
        SignalHandlers.handle(signal, current);
        return current;
    }
}
