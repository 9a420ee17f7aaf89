package dev.aioloop.junit;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.runCoroutineThreadsafe;
import static dev.aioloop.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.Coroutine;
import dev.aioloop.Loop;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The README's two tests, as they are printed there. */
class ReadmeExamplesTest {

    /** Calls {@code call} until it succeeds, at most {@code attempts} times, sleeping 1, 2, 4... s between. */
    static <T> T retry(Coroutine<T> call, int attempts) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return await(call);
            } catch (IOException e) {
                if (i + 1 == attempts) {
                    throw e;
                }
                sleep(Math.pow(2, i));
            }
        }
    }

    @AsyncioTest(virtualTime = true)
    void retryBacksOffOneTwoThenFourSeconds(Loop loop) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Coroutine<String> flaky = () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IOException("down");
            }
            return "up";
        };
        double start = loop.time();
        assertEquals("up", retry(flaky, 5));
        assertEquals(4, calls.get());
        assertEquals(1 + 2 + 4, loop.time() - start, 1e-6);
    }

    @Test
    void aServerOnAGroupsHostedLoopsServesAClientFromTheTestsThread() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            Loop loop = Loop.of(group.next());
            AtomicInteger served = new AtomicInteger();
            StreamServer server = runCoroutineThreadsafe(() -> Streams.startServer((reader, writer) -> {
                writer.write(reader.readline());
                writer.drain();
                writer.close();
                served.incrementAndGet();
            }, "127.0.0.1", 0), loop).get(5, SECONDS);
            int port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
            try (Socket client = new Socket("127.0.0.1", port)) {
                client.getOutputStream().write("hello\n".getBytes(UTF_8));
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8));
                assertEquals("hello", in.readLine());
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.get() == 1);
            runCoroutineThreadsafe(async(() -> {
                server.close();
                server.waitClosed();
            }), loop).get(5, SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, SECONDS).sync();
        }
    }
}
