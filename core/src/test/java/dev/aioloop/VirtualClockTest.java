package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A loop on virtual time without JUnit's help: Asyncio.newVirtualTimeLoop() and VirtualClock. */
class VirtualClockTest {
    private final Loop loop = Asyncio.newVirtualTimeLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void onlyAVirtualTimeLoopHasAVirtualClock() {
        assertTrue(VirtualClock.of(loop).isPresent());
        Loop real = Asyncio.newEventLoop();
        try {
            assertFalse(VirtualClock.of(real).isPresent());
        } finally {
            real.close();
        }
    }

    @Test
    void aDaysSleepReturnsAtOnceWithTheClockADayFurther() throws Exception {
        long wall = System.nanoTime();
        double start = loop.time();
        loop.runUntilComplete(() -> Asyncio.sleep(86_400, null));
        assertEquals(86_400, loop.time() - start, 1e-6);
        assertTrue(System.nanoTime() - wall < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void nettysScheduledTasksOnTheLoopsEventLoopRunOnTheSameClock() throws Exception {
        double start = loop.time();
        List<String> order = new ArrayList<>();
        double firedAt = loop.runUntilComplete(() -> {
            Future<Double> fired = loop.createFuture();
            loop.nettyEventLoop().schedule(() -> {
                order.add("netty at 20 s");
                fired.setResult(loop.time());
            }, 20, TimeUnit.SECONDS);
            loop.callLater(10, () -> order.add("asyncio at 10 s"));
            return fired.await();
        });
        assertEquals(List.of("asyncio at 10 s", "netty at 20 s"), order);
        assertEquals(20, firedAt - start, 1e-3);
    }

    @Test
    void theControlsBelongToATaskOfTheClocksOwnLoop() throws Exception {
        VirtualClock clock = VirtualClock.of(loop).orElseThrow();
        assertThrows(IllegalStateException.class, clock::runCurrent);
        Loop other = Asyncio.newVirtualTimeLoop();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> other.runUntilComplete(() -> {
                        clock.advanceUntilIdle();
                        return null;
                    }));
            assertTrue(e.getMessage().contains("another loop"), e.getMessage());
        } finally {
            other.close();
        }
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(() -> {
            clock.advanceTimeBy(-1);
            return null;
        }));
    }

    @Test
    void advanceTimeByFromACoroutineOfTheLoopLeavesTheOthersWhereTheyShouldBe() throws Exception {
        VirtualClock clock = VirtualClock.of(loop).orElseThrow();
        double start = loop.time();
        String outcome = loop.runUntilComplete(() -> {
            Task<String> slow = loop.createTask(() -> Asyncio.sleep(10, "late"));
            clock.advanceTimeBy(9.5);
            assertFalse(slow.done());
            clock.advanceUntilIdle();
            return slow.result();
        });
        assertEquals("late", outcome);
        assertEquals(10, loop.time() - start, 1e-9);
    }
}
