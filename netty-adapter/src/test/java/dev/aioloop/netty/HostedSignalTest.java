package dev.aioloop.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A signal handler of a loop hosted on a Netty event loop: the callback runs on the event loop's
 * thread. The signal (USR2) is sent to this JVM only while the handler is in place; it is removed
 * after the callback has run, so no USR2 can reach the JVM's default, which would end it.
 */
class HostedSignalTest {

    @Test
    void aRealSignalRunsTheHostedLoopsCallbackOnItsEventLoopsThread() throws Exception {
        MultiThreadIoEventLoopGroup group = LoopKind.NIO_GROUP.newGroup(1);
        try {
            EventLoop eventLoop = group.next();
            Loop loop = Loop.of(eventLoop);
            AtomicReference<Boolean> onEventLoop = new AtomicReference<>();
            Asyncio.runCoroutineThreadsafe(() -> {
                loop.addSignalHandler("USR2", () -> onEventLoop.set(eventLoop.inEventLoop()));
                return null;
            }, loop).get(30, TimeUnit.SECONDS);

            Process kill = new ProcessBuilder("kill", "-USR2", Long.toString(ProcessHandle.current().pid()))
                    .inheritIO().start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, kill.exitValue());
            await().atMost(30, TimeUnit.SECONDS).until(() -> onEventLoop.get() != null);
            assertEquals(true, onEventLoop.get());

            boolean removed = Asyncio.runCoroutineThreadsafe(() -> loop.removeSignalHandler("USR2"), loop)
                    .get(30, TimeUnit.SECONDS);
            assertTrue(removed);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
