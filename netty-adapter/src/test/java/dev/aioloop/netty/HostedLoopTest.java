package dev.aioloop.netty;

import static dev.aioloop.Asyncio.sleep;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Handle;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostedLoopTest {
    private MultiThreadIoEventLoopGroup group;

    @BeforeEach
    void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void oneLoopPerEventLoopMadeOnceWhateverTheThreads() throws Exception {
        EventLoop first = group.next();
        EventLoop second = group.next();
        assertNotSame(first, second);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Loop>> seen = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            seen.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return Loop.of(first);
            }));
        }
        start.countDown();
        Set<Loop> loops = new HashSet<>();
        for (CompletableFuture<Loop> f : seen) {
            loops.add(f.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, loops.size());
        assertSame(Loop.of(first), loops.iterator().next());
        assertNotSame(Loop.of(first), Loop.of(second));
        assertSame(first, Loop.of(first).nettyEventLoop());
        assertTrue(Loop.of(first).isRunning());
    }

    @Test
    void tasksRunOnTheEventLoopThreadWhereTheLoopIsTheRunningOne() throws Exception {
        EventLoop eventLoop = group.next();
        Loop loop = Loop.of(eventLoop);
        CompletableFuture<String> result = Asyncio.runCoroutineThreadsafe(() -> {
            assertSame(loop, Asyncio.getRunningLoop());
            assertSame(loop, Asyncio.getEventLoop());
            assertTrue(eventLoop.inEventLoop());
            Task<Integer> child = Asyncio.ensureFuture(() -> {
                sleep(0.01);
                return eventLoop.inEventLoop() ? 1 : 0;
            });
            sleep(0.02);
            return "child " + Asyncio.await(child);
        }, loop);
        assertEquals("child 1", result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aNettyTaskOutsideOurIterationsSeesTheHostedLoop() throws Exception {
        EventLoop eventLoop = group.next();
        CompletableFuture<Loop> seen = new CompletableFuture<>();
        eventLoop.execute(() -> seen.complete(Asyncio.getRunningLoop()));
        assertSame(Loop.of(eventLoop), seen.get(10, TimeUnit.SECONDS));
    }

    @Test
    void timersFireInDeadlineOrderNotInSchedulingOrder() throws Exception {
        Loop loop = Loop.of(group.next());
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(3);
        Asyncio.runCoroutineThreadsafe(() -> {
            // One iteration apart each, so that each earlier deadline re-arms the loop's alarm.
            loop.callLater(0.06, () -> { order.add("late"); done.countDown(); });
            sleep(0);
            loop.callLater(0.02, () -> { order.add("early"); done.countDown(); });
            sleep(0);
            loop.callLater(0.04, () -> { order.add("middle"); done.countDown(); });
            return null;
        }, loop);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("early", "middle", "late"), new ArrayList<>(order));
    }

    @Test
    void aTimerArmedByAThreadsafeCallbackOnAnIdleLoopFires() throws Exception {
        Loop loop = Loop.of(group.next());
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        // The handoffs' Netty task runs their iteration itself: the timer it arms must still get its alarm.
        loop.callSoonThreadsafe(() -> order.add("first"));
        loop.callSoonThreadsafe(() -> loop.callLater(0.02, () -> {
            order.add("timer");
            done.countDown();
        }));
        loop.callSoonThreadsafe(() -> order.add("second"));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second", "timer"), new ArrayList<>(order));
    }

    @Test
    void aSleepLastsAtLeastItsDelay() throws Exception {
        Loop loop = Loop.of(group.next());
        double slept = Asyncio.runCoroutineThreadsafe(() -> {
            double before = loop.time();
            sleep(0.05);
            return loop.time() - before;
        }, loop).get(10, TimeUnit.SECONDS);
        assertTrue(slept >= 0.05, "slept " + slept);
    }

    @Test
    void aCallbackThatThrowsGoesToTheHandlerAndTheLoopGoesOn() throws Exception {
        Loop loop = Loop.of(group.next());
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch after = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> loop.setExceptionHandler((l, context) -> seen.add(context.exception().getMessage())));
        loop.callSoonThreadsafe(() -> {
            throw new IllegalStateException("callback failed");
        });
        loop.callSoonThreadsafe(after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("callback failed"), new ArrayList<>(seen));
    }

    @Test
    void aStandaloneLoopIsTheLoopOfItsOwnNettyEventLoop() throws Exception {
        boolean same = Asyncio.run(() -> Loop.of(Asyncio.getRunningLoop().nettyEventLoop()) == Asyncio.getRunningLoop());
        assertTrue(same);
    }

    @Test
    void onlySingleThreadedNettyLoopsCanHostALoop() {
        io.netty.channel.ManualIoEventLoop manual = new io.netty.channel.ManualIoEventLoop(null, NioIoHandler.newFactory());
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loop.of(manual));
            assertTrue(e.getMessage().contains("MultiThreadIoEventLoopGroup"), e.getMessage());
        } finally {
            manual.setOwningThread(Thread.currentThread());
            manual.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            while (!manual.isTerminated()) {
                manual.runNow();
            }
        }
    }

    @Test
    void runningStoppingAndClosingAreRefusedWithWhatToDoInstead() {
        Loop loop = Loop.of(group.next());
        IllegalStateException run = assertThrows(IllegalStateException.class, loop::runForever);
        assertTrue(run.getMessage().startsWith("This event loop is already running"), run.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1));
        IllegalStateException close = assertThrows(IllegalStateException.class, loop::close);
        assertTrue(close.getMessage().contains("shut that loop's EventLoopGroup down"), close.getMessage());
        assertThrows(IllegalStateException.class, loop::stop);
        IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertTrue(foreign.getMessage().contains("callSoonThreadsafe"), foreign.getMessage());
        assertFalse(loop.isClosed());
    }

    @Test
    void aStandaloneLoopCannotRunOnANettyThread() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        group.next().execute(() -> {
            Loop standalone = Asyncio.newEventLoop();
            try {
                standalone.runUntilComplete(() -> 1);
                refused.complete(null);
            } catch (Throwable e) {
                refused.complete(e);
            } finally {
                standalone.close();
            }
        });
        Throwable e = refused.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof IllegalStateException && e.getMessage().contains("another loop is running"), String.valueOf(e));
    }

    @Test
    void aFailureAndACancellationCrossToTheCompletableFuture() throws Exception {
        Loop loop = Loop.of(group.next());
        CompletableFuture<Object> failing = Asyncio.runCoroutineThreadsafe(() -> {
            throw new java.io.IOException("boom");
        }, loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertEquals("boom", e.getCause().getMessage());

        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        CompletableFuture<Object> endless = Asyncio.runCoroutineThreadsafe(() -> {
            started.set(true);
            try {
                sleep(3600);
                return null;
            } finally {
                cleanedUp.set(true);
            }
        }, loop);
        await().atMost(Duration.ofSeconds(10)).untilTrue(started);
        endless.cancel(false);
        await().atMost(Duration.ofSeconds(10)).untilTrue(cleanedUp);
        assertThrows(CancellationException.class, endless::join);
    }

    @Test
    void shuttingTheGroupDownCancelsPendingTasksAndRunsOrDiscardsEveryAcceptedCallback() throws Exception {
        Loop loop = Loop.of(group.next());
        AtomicInteger finallyRan = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        int tasks = 5;
        CountDownLatch allStarted = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            Asyncio.runCoroutineThreadsafe(() -> {
                allStarted.countDown();
                try {
                    sleep(3600);
                } catch (CancelledError e) {
                    cancelled.incrementAndGet();
                    throw e;
                } finally {
                    finallyRan.incrementAndGet();
                }
                return null;
            }, loop);
        }
        assertTrue(allStarted.await(10, TimeUnit.SECONDS));

        List<Handle> accepted = new ArrayList<>();
        AtomicInteger ran = new AtomicInteger();
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) {
                try {
                    Handle h = loop.callSoonThreadsafe(ran::incrementAndGet);
                    synchronized (accepted) {
                        accepted.add(h);
                    }
                } catch (IllegalStateException closed) {
                    return;
                }
            }
        });
        feeder.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (accepted) {
                return accepted.size() > 100;
            }
        });
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        feeder.join();

        assertEquals(tasks, finallyRan.get());
        assertEquals(tasks, cancelled.get());
        // The loop closes on Netty's termination notice, which comes on a thread of Netty's own; as
        // every close does, it discards what was accepted and never ran, and says so in the handle.
        await().atMost(Duration.ofSeconds(10)).until(loop::isClosed);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals(accepted.size(), ran.get() + accepted.stream().filter(Handle::cancelled).count()));
        assertFalse(loop.isRunning());
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, () -> Loop.of(group.next()));
    }
}
