package dev.aioloop;

import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A suspension refused because a native frame pins the stack (here a class initializer) suspends
 * nothing and changes nothing: no stale wake-up, no lost cancellation.
 */
class RefusedSuspensionTest extends AbstractLoopTest {
    static Throwable refusedYield;
    static Throwable refusedSleep;
    static Throwable refusedAwait;
    static Future<String> neverDone;

    static final class YieldsInInitializer {
        static int touched;

        static {
            try {
                sleep(0);
            } catch (Throwable e) {
                refusedYield = e;
            }
        }
    }

    static final class SleepsInInitializer {
        static int touched;

        static {
            try {
                sleep(10);
            } catch (Throwable e) {
                refusedSleep = e;
            }
        }
    }

    static final class AwaitsInInitializer {
        static int touched;

        static {
            try {
                neverDone.await();
            } catch (Throwable e) {
                refusedAwait = e;
            }
        }
    }

    @Test
    void aRefusedSleepZeroLeavesNoWakeupBehindForTheNextAwait() throws Exception {
        String got = loop.runUntilComplete(() -> {
            Future<String> f = loop.createFuture();
            int unused = YieldsInInitializer.touched;
            loop.callLater(0.05, () -> f.setResult("value"));
            return f.await() + unused;
        });

        assertInstanceOf(IllegalStateException.class, refusedYield);
        assertTrue(refusedYield.getMessage().contains("cannot suspend here"), refusedYield.getMessage());
        assertEquals("value0", got);
    }

    @Test
    void aRefusedSleepOfASelfCancelledTaskKeepsTheCancellation() {
        Task<Void> task = loop.createTask(() -> {
            currentTask().cancel("kept");
            int unused = SleepsInInitializer.touched;
            sleep(10 + unused);
            return null;
        });
        loop.callLater(5, loop::stop);

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        assertInstanceOf(IllegalStateException.class, refusedSleep);
        assertEquals("kept", e.getMessage());
    }

    @Test
    void aRefusedAwaitOfASelfCancelledTaskKeepsTheCancellation() {
        neverDone = loop.createFuture();
        Task<Void> task = loop.createTask(() -> {
            currentTask().cancel("kept too");
            int unused = AwaitsInInitializer.touched;
            sleep(10 + unused);
            return null;
        });
        loop.callLater(5, loop::stop);

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        assertInstanceOf(IllegalStateException.class, refusedAwait);
        assertEquals("kept too", e.getMessage());
    }
}
