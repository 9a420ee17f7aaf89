package dev.aioloop.junit.samples;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.createTask;
import static dev.aioloop.Asyncio.getEventLoop;
import static dev.aioloop.Asyncio.getRunningLoop;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.junit.AsyncioExtension;
import dev.aioloop.junit.AsyncioTest;
import dev.aioloop.junit.VirtualTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test classes for the extension's own tests to run through EngineTestKit, most of them meant to
 * fail: surefire leaves this package alone. What they saw goes to static fields, for the test that
 * ran them to check.
 */
public final class Samples {
    private Samples() {
    }

    /** Sleeps, awaits a future a timer completes, and finds its loop wherever it looks. */
    public static final class Passing {
        public static volatile Loop seen;

        @AsyncioTest
        void sleepsAndAwaits(Loop loop) throws Exception {
            seen = loop;
            assertSame(loop, getRunningLoop());
            assertSame(loop, getEventLoop());
            Future<String> f = loop.createFuture();
            loop.callLater(0.01, () -> f.setResult("set by a timer"));
            sleep(0.01);
            assertEquals("set by a timer", f.await());
        }
    }

    /** A task nobody awaits fails: the test body returns normally, the test must not. */
    public static final class BackgroundFailure {
        @AsyncioTest
        void aWorkerFails(Loop loop) {
            loop.createTask(() -> {
                throw new IllegalStateException("boom in the background");
            }, "doomed-worker");
            sleep(0.01);
        }
    }

    /** A callback throws, then a task fails unseen: the first is the cause, the second suppressed. */
    public static final class ThrowingCallback {
        @AsyncioTest
        void aCallbackThrows(Loop loop) {
            loop.callSoon(() -> {
                throw new IllegalArgumentException("bang in a callback");
            });
            sleep(0);
            loop.createTask(() -> {
                throw new UnsupportedOperationException("and a task after it");
            }, "second");
            sleep(0);
        }
    }

    /** Leaves a sleeping task behind, whose finally block awaits once more. */
    public static final class Leftover {
        public static final List<String> events = new CopyOnWriteArrayList<>();
        public static volatile Task<?> left;

        @AsyncioTest
        void leavesATask(Loop loop) {
            left = loop.createTask(async(() -> {
                try {
                    sleep(3600);
                } finally {
                    events.add("finally");
                    sleep(0);
                    events.add("awaited in finally");
                }
            }), "leftover");
            sleep(0);
        }
    }

    /** Set-up, test and tear-down on one loop; a task of the set-up is awaited by the test. */
    @ExtendWith(AsyncioExtension.class)
    public static final class BeforeAndAfterEach {
        public static final List<Loop> loops = new CopyOnWriteArrayList<>();
        public static volatile boolean closedInTearDown;
        private Task<String> warmUp;

        @BeforeEach
        void setUp(Loop loop) {
            assertSame(loop, getRunningLoop());
            loops.add(loop);
            warmUp = createTask(() -> sleep(0.01, "warm"));
        }

        @AsyncioTest
        void usesWhatSetUpStarted() throws Exception {
            loops.add(getRunningLoop());
            assertEquals("warm", warmUp.await());
        }

        @AfterEach
        void tearDown() {
            sleep(0);
            loops.add(getRunningLoop());
            closedInTearDown = getRunningLoop().isClosed();
        }
    }

    /** Awaits a future nobody completes, beside a task that sleeps. */
    public static final class NeverCompleted {
        @AsyncioTest(timeout = 1)
        void awaitsForever(Loop loop) throws Exception {
            loop.createTask(() -> sleep(3600, null), "sleeper");
            loop.createFuture().await();
        }
    }

    /** A callback blocks the loop's thread in plain Java code until interrupted. */
    public static final class BlockedLoop {
        public static final CountDownLatch never = new CountDownLatch(1);
        public static volatile boolean interrupted;
        public static volatile Loop seen;

        @AsyncioTest(timeout = 1)
        void blocksTheLoop(Loop loop) {
            seen = loop;
            loop.createTask(() -> sleep(3600, null), "bystander");
            loop.callSoon(BlockedLoop::block);
            sleep(3600);
        }

        static void block() {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** Asks for virtual-time control on a real-time loop. */
    public static final class VirtualTimeOnRealTime {
        @AsyncioTest
        void advances() {
            VirtualTime.advanceTimeBy(1);
        }
    }
}
