package dev.aioloop.stress;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Handle;
import dev.aioloop.Loop;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fault injected from outside: the user's Netty group shut down with no quiet period while a
 * hosted loop serves connections and other threads hand it callbacks. Netty 4.2 closes the
 * channels of an event loop only when it sees the shutdown after an I/O step; a shutdown that comes
 * while the loop runs tasks ends it without that step. The loop must close what it opened all the
 * same: every client sees its connection end, every handler's finally runs, every accepted callback
 * runs or reads cancelled, and the group terminates.
 */
class GroupShutdownTest {
    private static final int ROUNDS = 10;
    private static final int CLIENTS = 20;

    static Stream<String> transports() {
        return Stream.of("nio", "epoll");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aGroupShutDownMidTrafficEndsEveryConnectionAndLosesNoCallback(String transport) throws Exception {
        Assumptions.assumeTrue(transport.equals("nio") || Epoll.isAvailable(), "epoll is not available here");
        for (int round = 0; round < ROUNDS; round++) {
            oneRound(transport.equals("nio") ? NioIoHandler.newFactory() : EpollIoHandler.newFactory(), round);
        }
    }

    private static void oneRound(IoHandlerFactory io, int round) throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io);
        Loop loop = Loop.of(group.next());
        AtomicInteger handlersStarted = new AtomicInteger();
        AtomicInteger handlersEnded = new AtomicInteger();
        StreamServer server = Asyncio.runCoroutineThreadsafe(() -> Streams.startServer((reader, writer) -> {
            handlersStarted.incrementAndGet();
            try {
                for (byte[] line; (line = reader.readline()).length > 0; ) {
                    writer.write(line);
                    writer.drain();
                }
            } finally {
                handlersEnded.incrementAndGet();
            }
        }, "127.0.0.1", 0), loop).get(10, TimeUnit.SECONDS);
        int port = ((InetSocketAddress) server.addresses().getFirst()).getPort();

        AtomicInteger roundTrips = new AtomicInteger();
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofPlatform().name("client-" + i).start(() -> outcomes.add(echoUntilEnd(port, roundTrips))));
        }
        // Every other round, only the connections' own traffic: then the shutdown comes between the
        // loop's iterations as often as in one.
        boolean feeding = round % 2 == 0;
        List<Handle> accepted = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        Thread feeder = Thread.ofPlatform().name("feeder").start(() -> {
            while (feeding) {
                try {
                    Handle handle = loop.callSoonThreadsafe(ran::incrementAndGet);
                    synchronized (accepted) {
                        accepted.add(handle);
                    }
                } catch (IllegalStateException closed) {
                    refused.incrementAndGet();
                    return;
                }
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> roundTrips.get() >= CLIENTS * 5);

        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        assertTrue(group.awaitTermination(20, TimeUnit.SECONDS),
                () -> "round " + round + ": the group did not terminate; its threads:\n" + eventLoopStacks());
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(20));
        }
        feeder.join(Duration.ofSeconds(20));

        assertEquals(CLIENTS, outcomes.size(), "round " + round + ": clients still waiting: " + outcomes);
        assertTrue(outcomes.stream().allMatch(o -> o.equals("ended")), "round " + round + ": " + outcomes);
        await().atMost(Duration.ofSeconds(10)).until(loop::isClosed);
        assertEquals(handlersStarted.get(), handlersEnded.get(), "round " + round + ": every handler's finally runs");
        assertEquals(feeding ? 1 : 0, refused.get(), "round " + round + ": the feeder is refused once the loop is closed");
        // The close runs on Netty's termination thread, and may still be discarding what it took in.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            synchronized (accepted) {
                long cancelled = accepted.stream().filter(Handle::cancelled).count();
                assertEquals(accepted.size(), ran.get() + cancelled,
                        "round " + round + ": every accepted callback runs or reads cancelled");
            }
        });
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "round " + round + ": the listening socket is closed");
    }

    /** The stacks of Netty's event-loop threads, for a group that would not end. */
    private static String eventLoopStacks() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("EventLoopGroup") || thread.getName().startsWith("feeder")) {
                out.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    out.append("    at ").append(frame).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** Echoes lines until the server ends the connection; "ended" when it does, else what went wrong. */
    private static String echoUntilEnd(int port, AtomicInteger roundTrips) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] line = "a line of the echo\n".getBytes(StandardCharsets.US_ASCII);
            byte[] echo = new byte[line.length];
            while (true) {
                out.write(line);
                int got = 0;
                while (got < echo.length) {
                    int n = in.read(echo, got, echo.length - got);
                    if (n < 0) {
                        return "ended";
                    }
                    got += n;
                }
                roundTrips.incrementAndGet();
            }
        } catch (SocketTimeoutException stuck) {
            return "no end within 15 s";
        } catch (ConnectException refusedAtConnect) {
            return "ended";
        } catch (IOException reset) {
            return "ended";
        }
    }
}
