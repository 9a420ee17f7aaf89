package dev.aioloop.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.Asyncio;
import dev.aioloop.ErrorContext;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A fault injected into a stream handler: reported once, its connection closed, and the server
 * serves the next (core's HookFaultsTest injects into the loop's own hooks).
 */
class StreamHandlerFaultTest {
    @Test
    void aStreamHandlerThatThrowsIsReportedAndTheServerServesTheNext() throws Exception {
        List<ErrorContext> reported = new CopyOnWriteArrayList<>();
        List<String> answers = Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, context) -> reported.add(context));
            AtomicInteger served = new AtomicInteger();
            StreamServer server = Streams.startServer((reader, writer) -> {
                byte[] line = reader.readline();
                if (served.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("handler down");
                }
                writer.write(line);
                writer.drain();
                writer.close();
            }, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Connection c = Streams.openConnection("127.0.0.1", port);
                c.writer().write(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                got.add(new String(c.reader().read(), StandardCharsets.US_ASCII));
                c.writer().close();
            }
            server.close();
            server.waitClosed();
            return got;
        });
        assertEquals(List.of("", "hello 1\n", "", "hello 3\n", "", "hello 5\n"), answers,
                "a failed handler's connection is closed; the next one is served");
        assertEquals(3, reported.size(), reported.toString());
        for (ErrorContext context : reported) {
            assertEquals("handler down", context.exception().getMessage());
        }
    }
}
