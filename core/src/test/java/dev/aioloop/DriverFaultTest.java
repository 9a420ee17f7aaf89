package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The driver's I/O wait failing (a selector that throws): going on is impossible, so the run ends
 * with that error, the loop left whole and stopped; nothing accepted before is lost, and the next run
 * goes on where it was.
 */
class DriverFaultTest {
    @Test
    void aFailingWaitEndsTheRunWithItsErrorAndTheNextRunLosesNothing() throws Exception {
        FailingOnce driver = new FailingOnce(new ManualDriver());
        Loop loop = new Loop(driver);
        try {
            List<String> ran = new ArrayList<>();
            loop.callSoon(() -> ran.add("before"));
            loop.callSoonThreadsafe(() -> ran.add("threadsafe"));
            loop.callLater(0.01, () -> ran.add("timer"));
            Task<Integer> task = loop.createTask(() -> Asyncio.sleep(0.02, 5));
            driver.failNext = new IllegalStateException("epoll_wait failed");

            IllegalStateException thrown = assertThrows(IllegalStateException.class, loop::runForever);

            assertSame(driver.failNext, thrown);
            assertFalse(loop.isRunning());
            assertEquals(5, loop.runUntilComplete(task));
            assertEquals(List.of("before", "threadsafe", "timer"), ran);
        } finally {
            loop.close();
        }
    }

    /** The standalone driver, whose next wait throws once when asked to. */
    private static final class FailingOnce implements Driver {
        private final Driver real;
        private boolean thrown;
        RuntimeException failNext;

        FailingOnce(Driver real) {
            this.real = real;
        }

        @Override
        public void poll(long timeoutNanos) {
            if (failNext != null && !thrown) {
                thrown = true;
                throw failNext;
            }
            real.poll(timeoutNanos);
        }

        @Override
        public void attach(DrivenLoop loop) {
            real.attach(loop);
        }

        @Override
        public int handoffsToRun() {
            return real.handoffsToRun();
        }

        @Override
        public Runnable nextHandoff() {
            return real.nextHandoff();
        }

        @Override
        public EventLoop eventLoop() {
            return real.eventLoop();
        }

        @Override
        public long nanoTime() {
            return real.nanoTime();
        }

        @Override
        public boolean inLoopThread() {
            return real.inLoopThread();
        }

        @Override
        public void bind() {
            real.bind();
        }

        @Override
        public void checkIdleThread(String what) {
            real.checkIdleThread(what);
        }

        @Override
        public boolean runsItself() {
            return real.runsItself();
        }

        @Override
        public void checkControl(Control what) {
            real.checkControl(what);
        }

        @Override
        public void execute(Runnable handoff) {
            real.execute(handoff);
        }

        @Override
        public void wakeup() {
            real.wakeup();
        }

        @Override
        public void readyAdded() {
            real.readyAdded();
        }

        @Override
        public void timerArmed(long deadlineNanos) {
            real.timerArmed(deadlineNanos);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
