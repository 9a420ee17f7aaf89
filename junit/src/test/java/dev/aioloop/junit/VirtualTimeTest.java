package dev.aioloop.junit;

import static dev.aioloop.Asyncio.createTask;
import static dev.aioloop.Asyncio.sleep;
import static dev.aioloop.Asyncio.toThread;
import static dev.aioloop.Asyncio.waitFor;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Virtual time under {@code @AsyncioTest(virtualTime = true)}: the jumps, and the controls. */
class VirtualTimeTest {

    @AsyncioTest(virtualTime = true)
    void anHourOfSleepTakesLessThanASecondAndMovesTheClockByAnHour(Loop loop) {
        long wall = System.nanoTime();
        double start = loop.time();
        sleep(3600);
        assertEquals(3600, loop.time() - start, 0.001);
        assertTrue(System.nanoTime() - wall < TimeUnit.SECONDS.toNanos(1));
    }

    @AsyncioTest(virtualTime = true)
    void timersFireInDeadlineOrderEachAtItsTime(Loop loop) {
        double start = loop.time();
        List<String> fired = new ArrayList<>();
        Runnable stamp = () -> fired.add(String.format(Locale.ROOT, "%.3f", loop.time() - start));
        loop.callLater(3, () -> fired.add("c"));
        loop.callLater(1, () -> fired.add("a"));
        createTask(() -> {
            sleep(2);
            fired.add("b");
            stamp.run();
            return null;
        });
        loop.callLater(1, stamp);
        sleep(10);
        assertEquals(List.of("a", "1.000", "b", "2.000", "c"), fired);
    }

    @AsyncioTest(virtualTime = true)
    void advanceTimeByRunsWhatIsDueBeforeAndResumesExactlyThatMuchLater(Loop loop) {
        double start = loop.time();
        Task<String> slow = createTask(() -> sleep(10, "late"));
        Task<String> quick = createTask(() -> sleep(2, "early"));
        VirtualTime.advanceTimeBy(9.5);
        assertEquals(9.5, loop.time() - start, 1e-9);
        assertTrue(quick.done());
        assertFalse(slow.done());
        VirtualTime.advanceTimeBy(0.5);
        assertFalse(slow.done(), "due at that very moment: left for runCurrent");
        VirtualTime.runCurrent();
        assertEquals("late", slow.result());
        assertEquals(10, loop.time() - start, 1e-9);
    }

    @AsyncioTest(virtualTime = true)
    void advanceUntilIdleRunsTheTimersOutAndStopsAtTasksWaitingOnAFuture(Loop loop) {
        double start = loop.time();
        Future<String> never = loop.createFuture();
        Task<String> waiter = createTask(never::await);
        Task<String> chain = createTask(() -> {
            sleep(1);
            sleep(2);
            return sleep(5, "slept 8 s");
        });
        VirtualTime.advanceUntilIdle();
        assertEquals("slept 8 s", chain.result());
        assertEquals(8, loop.time() - start, 1e-9);
        assertFalse(waiter.done());
        waiter.cancel();
    }

    @AsyncioTest(virtualTime = true)
    void runCurrentRunsWhatIsReadyAndWhatThatMakesReadyButNoLaterTimer(Loop loop) {
        double start = loop.time();
        List<String> ran = new ArrayList<>();
        loop.callSoon(() -> loop.callSoon(() -> loop.callLater(0, () -> ran.add("due now"))));
        loop.callLater(1, () -> ran.add("in a second"));
        Task<Void> steps = createTask(() -> {
            sleep(0);
            sleep(0);
            ran.add("three steps");
            return null;
        });
        VirtualTime.runCurrent();
        assertTrue(steps.done());
        assertEquals(List.of("three steps", "due now"), ran);
        assertEquals(0, loop.time() - start);
    }

    @AsyncioTest(virtualTime = true)
    void aCallOutOnAnotherThreadHoldsTheClockToRealTime(Loop loop) throws Exception {
        double start = loop.time();
        CountDownLatch release = new CountDownLatch(1);
        loop.callLater(0.05, release::countDown);
        // Without the hold, the clock would jump to the timeout at +3600 s before the call returned.
        assertEquals("returned", waitFor(() -> toThread(() -> {
            release.await();
            return "returned";
        }), 3600));
        assertTrue(loop.time() - start < 60, () -> "the clock moved " + (loop.time() - start) + " s");
    }

    @AsyncioTest(virtualTime = true)
    void anOpenSocketHoldsTheClockToRealTimeAndItsClosingLetsItJumpAgain(Loop loop) throws Exception {
        StreamServer server = Streams.startServer((reader, writer) -> {
            writer.write(reader.readline());
            writer.drain();
            writer.close();
        }, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
        Connection c = Streams.openConnection("127.0.0.1", port);
        c.writer().write("ping\n".getBytes(UTF_8));
        assertEquals("ping\n", new String(waitFor(() -> c.reader().readline(), 5), UTF_8));

        long wall = System.nanoTime();
        double start = loop.time();
        sleep(0.2);
        assertTrue(System.nanoTime() - wall >= TimeUnit.MILLISECONDS.toNanos(190), "the clock jumped over a real wait");
        assertTrue(loop.time() - start >= 0.2);

        c.writer().close();
        c.writer().waitClosed();
        server.close();
        server.waitClosed();
        wall = System.nanoTime();
        start = loop.time();
        sleep(3600);
        assertEquals(3600, loop.time() - start, 0.001);
        assertTrue(System.nanoTime() - wall < TimeUnit.SECONDS.toNanos(1));
    }

    @AsyncioTest
    void theControlsRefuseARealTimeLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, VirtualTime::runCurrent);
        assertTrue(e.getMessage().contains("Asyncio.newVirtualTimeLoop()"), e.getMessage());
    }
}
