package dev.aioloop;

import static dev.aioloop.Asyncio.newEventLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Lifecycle misuse: each gets asyncio's message, and leaves the loop as it was. */
class LoopMisuseTest extends AbstractLoopTest {

    /** Runs {@code misuse} inside a callback of the running loop and returns what it threw. */
    private Throwable thrownInsideARun(Executable misuse) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        loop.callSoon(() -> {
            thrown.set(assertThrows(Throwable.class, misuse));
            loop.stop();
        });
        loop.runForever();
        return thrown.get();
    }

    @Test
    void runForeverOnARunningLoopIsRefused() {
        Throwable e = thrownInsideARun(loop::runForever);
        assertEquals(IllegalStateException.class, e.getClass());
        assertEquals("This event loop is already running", e.getMessage());
    }

    @Test
    void runUntilCompleteOnARunningLoopIsRefusedAndSchedulesNothing() {
        Throwable e = thrownInsideARun(() -> loop.runUntilComplete(() -> 1));
        assertEquals("This event loop is already running", e.getMessage());
        assertTrue(loop.liveTasks().isEmpty(), "no task was left behind: " + loop.liveTasks());
    }

    @Test
    void runningAnotherLoopInsideARunIsRefused() {
        Loop other = newEventLoop();
        try {
            Throwable e = thrownInsideARun(other::runForever);
            assertEquals(IllegalStateException.class, e.getClass());
            assertTrue(e.getMessage().startsWith("Cannot run the event loop while another loop is running"),
                    e.getMessage());
            assertFalse(other.isRunning());
        } finally {
            other.close();
        }
    }

    @Test
    void runUntilCompleteOfAnotherLoopInsideARunIsRefusedAndSchedulesNothing() {
        Loop other = newEventLoop();
        try {
            Throwable e = thrownInsideARun(() -> other.runUntilComplete(() -> 1));
            assertTrue(e.getMessage().startsWith("Cannot run the event loop while another loop is running"),
                    e.getMessage());
            assertTrue(other.liveTasks().isEmpty(), "no task was left behind: " + other.liveTasks());
        } finally {
            other.close();
        }
    }

    @Test
    void closingARunningLoopIsRefused() {
        Throwable e = thrownInsideARun(loop::close);
        assertEquals(IllegalStateException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("Cannot close a running event loop"), e.getMessage());
        assertFalse(loop.isClosed());
    }

    @Test
    void aClosedLoopRefusesToRunAndToSchedule() {
        loop.close();
        assertTrue(loop.isClosed());

        List<Executable> uses = List.of(
                loop::runForever,
                () -> loop.runUntilComplete(() -> 1),
                () -> loop.callSoon(() -> { }),
                () -> loop.callSoonThreadsafe(() -> { }),
                () -> loop.callLater(1, () -> { }),
                () -> loop.callAt(loop.time(), () -> { }),
                () -> loop.createTask(() -> 1));
        List<String> messages = new ArrayList<>();
        for (Executable use : uses) {
            messages.add(assertThrows(IllegalStateException.class, use).getMessage());
        }
        assertEquals(List.of("Event loop is closed", "Event loop is closed", "Event loop is closed",
                "Event loop is closed", "Event loop is closed", "Event loop is closed", "Event loop is closed"),
                messages);
    }

    @Test
    void closeTwiceIsHarmless() {
        loop.close();
        loop.close();
        assertTrue(loop.isClosed());
    }

    @Test
    void closeDropsPendingCallbacks() {
        List<String> ran = new ArrayList<>();
        loop.callSoon(() -> ran.add("soon"));
        loop.callLater(0, () -> ran.add("later"));
        loop.close();
        Loop fresh = newEventLoop();
        try {
            fresh.stop();
            fresh.runForever();
        } finally {
            fresh.close();
        }
        assertEquals(List.of(), ran);
    }

    @Test
    void nullsAreRefusedWithAMessageSayingWhatToPass() {
        List<Executable> nulls = List.of(
                () -> loop.callSoon(null),
                () -> loop.callSoonThreadsafe(null),
                () -> loop.callLater(1, null),
                () -> loop.createTask((Coroutine<Object>) null),
                () -> loop.createTask((AsyncRunnable) null),
                () -> loop.runUntilComplete((Coroutine<Object>) null),
                () -> loop.runUntilComplete((Awaitable<Object>) null),
                () -> Asyncio.run((Coroutine<Object>) null),
                () -> Asyncio.run((AsyncRunnable) null),
                () -> Asyncio.async(null),
                () -> Asyncio.ensureFuture((Future<Object>) null));
        for (Executable n : nulls) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, n);
            assertTrue(e.getMessage().contains("pass"), e.getMessage());
        }
    }

    @Test
    void schedulingFromAnotherThreadWhileTheLoopRunsIsRefusedNamingCallSoonThreadsafe() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        loop.callSoon(() -> {
            Thread other = new Thread(() -> {
                try {
                    loop.callSoon(() -> { });
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            other.start();
            joinQuietly(other);
            loop.stop();
        });
        loop.runForever();

        assertEquals(IllegalStateException.class, thrown.get().getClass());
        assertTrue(thrown.get().getMessage().contains("callSoonThreadsafe"), thrown.get().getMessage());
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
