package dev.aioloop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * getEventLoop / setEventLoop / newEventLoop / getRunningLoop, each checked on a thread created for
 * the test: the test runner's own thread may or may not count as the main thread. The main thread's
 * own behaviour is checked in a JVM of its own ({@link SigintTest}).
 */
class OneThreadOneLoopTest {

    /** Runs {@code body} on a new platform thread named {@code name} and returns its result or failure. */
    private static Outcome onThread(String name, Callable<?> body) {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(new Outcome(body.call(), null));
            } catch (Throwable e) {
                outcome.set(new Outcome(null, e));
            }
        }, name);
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome.get() != null);
        return outcome.get();
    }

    private record Outcome(Object value, Throwable failure) {
        Object get() {
            if (failure != null) {
                throw new AssertionError("the thread failed", failure);
            }
            return value;
        }
    }

    @Test
    void getEventLoopInAnotherThreadWithNoLoopSetThrowsNamingWhatToCall() {
        Throwable e = onThread("worker", Asyncio::getEventLoop).failure();

        assertEquals(IllegalStateException.class, e.getClass());
        assertTrue(e.getMessage().contains("worker"), e.getMessage());
        assertTrue(e.getMessage().contains("newEventLoop"), e.getMessage());
        assertTrue(e.getMessage().contains("setEventLoop"), e.getMessage());
    }

    @Test
    void setEventLoopMakesItTheThreadsLoop() {
        Object result = onThread("worker", () -> {
            Loop loop = Asyncio.newEventLoop();
            try {
                Asyncio.setEventLoop(loop);
                return Asyncio.getEventLoop() == loop && Asyncio.getEventLoop() == loop;
            } finally {
                loop.close();
            }
        }).get();
        assertEquals(true, result);
    }

    @Test
    void setEventLoopNullClearsIt() {
        Throwable e = onThread("worker", () -> {
            Loop loop = Asyncio.newEventLoop();
            try {
                Asyncio.setEventLoop(loop);
                Asyncio.setEventLoop(null);
                return Asyncio.getEventLoop();
            } finally {
                loop.close();
            }
        }).failure();
        assertEquals(IllegalStateException.class, e.getClass());
        assertTrue(e.getMessage().contains("newEventLoop"), e.getMessage());
    }

    @Test
    void eachThreadHasItsOwnLoop() {
        Loop mine = Asyncio.newEventLoop();
        try {
            Throwable e = onThread("worker", () -> {
                Asyncio.setEventLoop(mine);
                return onThread("other-worker", Asyncio::getEventLoop).get();
            }).failure();
            assertTrue(e.getCause().getMessage().contains("other-worker"), e.getCause().getMessage());
        } finally {
            mine.close();
        }
    }

    @Test
    void newEventLoopMakesADifferentLoopEachTime() {
        Loop a = Asyncio.newEventLoop();
        Loop b = Asyncio.newEventLoop();
        try {
            assertFalse(a == b);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void getEventLoopDuringARunIsTheRunningLoopEvenWithNoneSet() throws Exception {
        Object same = onThread("worker", () -> {
            Loop loop = Asyncio.newEventLoop();
            try {
                return loop.runUntilComplete(() -> Asyncio.getEventLoop() == loop && Asyncio.getRunningLoop() == loop);
            } finally {
                loop.close();
            }
        }).get();
        assertEquals(true, same);
    }

    @Test
    void getRunningLoopOutsideARunThrows() {
        Throwable e = onThread("worker", () -> {
            Loop loop = Asyncio.newEventLoop();
            try {
                Asyncio.setEventLoop(loop);
                return Asyncio.getRunningLoop();
            } finally {
                loop.close();
            }
        }).failure();
        assertEquals(IllegalStateException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    }

    @Test
    void getRunningLoopAfterARunThrowsAgain() {
        Throwable e = onThread("worker", () -> {
            Loop loop = Asyncio.newEventLoop();
            try {
                loop.runUntilComplete(() -> Asyncio.getRunningLoop());
                return Asyncio.getRunningLoop();
            } finally {
                loop.close();
            }
        }).failure();
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    }

    @Test
    void ensureFutureWithNoLoopInAnotherThreadThrowsNamingWhatToCall() {
        Throwable e = onThread("worker", () -> Asyncio.ensureFuture(() -> 1)).failure();
        assertTrue(e.getMessage().contains("newEventLoop"), e.getMessage());
    }

    @Test
    void aLoopRunByASecondThreadAfterItsFirstOwnerFailsClearlyAndSchedulesNothing() {
        Loop loop = Asyncio.newEventLoop();
        try {
            onThread("first-owner", () -> {
                loop.stop();
                loop.runForever();
                return null;
            }).get();

            Throwable e = onThread("second", () -> loop.runUntilComplete(() -> 1)).failure();

            assertEquals(IllegalStateException.class, e.getClass());
            assertTrue(e.getMessage().contains("first-owner"), e.getMessage());
            assertTrue(e.getMessage().contains("newEventLoop"), e.getMessage());
            assertTrue(loop.liveTasks().isEmpty(), "the refused run left a task: " + loop.liveTasks());
            assertFalse(loop.isRunning());
        } finally {
            loop.close();
        }
    }

    @Test
    void closingALoopFromAThreadOtherThanItsOwnerReleasesItsSelector() {
        int before = openFileDescriptors();
        for (int i = 0; i < 20; i++) {
            Loop loop = Asyncio.newEventLoop();
            onThread("owner-" + i, () -> {
                loop.stop();
                loop.runForever();
                return null;
            }).get();
            loop.close();
            assertTrue(loop.isClosed());
        }
        int leaked = openFileDescriptors() - before;
        // Each loop holds a selector (two descriptors): twenty leaked ones would show as forty.
        assertTrue(leaked < 10, leaked + " file descriptors leaked by 20 loops");
    }

    @Test
    void closingALoopThatNeverRanReleasesItsSelectorWhileAThreadHandsItWork() throws Exception {
        int before = openFileDescriptors();
        for (int i = 0; i < 20; i++) {
            Loop loop = Asyncio.newEventLoop();
            CompletableFuture<Void> handoff = CompletableFuture.runAsync(() -> {
                try {
                    loop.callSoonThreadsafe(() -> { });
                } catch (IllegalStateException closed) {
                    // Refused: the close came first.
                }
            });
            loop.close();
            handoff.get(10, TimeUnit.SECONDS);
        }
        int leaked = openFileDescriptors() - before;
        assertTrue(leaked < 10, leaked + " file descriptors leaked by 20 loops closed before they ever ran");
    }

    private static int openFileDescriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        if (fds == null) {
            throw new AssertionError("this test counts descriptors in /proc/self/fd (Linux)");
        }
        return fds.length;
    }

    @Test
    void twoThreadsRunTwoLoopsAtOnce() {
        try (LoopRunner a = LoopRunner.start("loop-a"); LoopRunner b = LoopRunner.start("loop-b")) {
            AtomicReference<Loop> seenByA = new AtomicReference<>();
            AtomicReference<Loop> seenByB = new AtomicReference<>();
            a.loop.callSoonThreadsafe(() -> seenByA.set(Asyncio.getRunningLoop()));
            b.loop.callSoonThreadsafe(() -> seenByB.set(Asyncio.getRunningLoop()));
            await().atMost(Duration.ofSeconds(10)).until(() -> seenByA.get() != null && seenByB.get() != null);
            assertSame(a.loop, seenByA.get());
            assertSame(b.loop, seenByB.get());
        }
    }

    @Test
    void aThreadThatIsNotTheLaunchersMainIsNotMainEvenNamedMain() {
        assertEquals(false, onThread("worker", ThreadLoops::isMainThread).get());
        assertEquals(false, onThread("main", () -> {
            // Same name, another group: not the launcher's thread.
            AtomicReference<Boolean> inOtherGroup = new AtomicReference<>();
            Thread t = new Thread(new ThreadGroup("not-main"), () -> inOtherGroup.set(ThreadLoops.isMainThread()), "main");
            t.start();
            t.join();
            return inOtherGroup.get();
        }).get());
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        Thread v = Thread.ofVirtual().name("main").start(() -> virtual.set(ThreadLoops.isMainThread()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !v.isAlive());
        assertEquals(false, virtual.get());
    }

    @Test
    void theSigintGuardIsOnlyInstalledOnTheMainThread() {
        Loop loop = Asyncio.newEventLoop();
        try {
            assertNull(onThread("worker", () -> SigintGuard.install(loop)).get());
        } finally {
            loop.close();
        }
    }
}
