package dev.aioloop.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Datagram;
import dev.aioloop.DatagramEndpoint;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Loop#createDatagramEndpoint} and {@link DatagramEndpoint}, on epoll's datagram channels and on NIO's. */
class DatagramEndpointTest {
    static List<LoopKind> kinds() {
        return LoopKind.available();
    }

    private static String text(Datagram d) {
        return new String(d.data(), US_ASCII);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void echoesBothWaysToAConnectedAndToAnUnconnectedClient(LoopKind kind) throws Exception {
        List<Object> seen = kind.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            DatagramEndpoint server = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            Task<Void> echo = loop.createTask(() -> {
                for (int i = 0; i < 2; i++) {
                    Datagram d = server.recvfrom();
                    server.sendto(("echo " + text(d)).getBytes(US_ASCII), d.sender());
                }
            });
            InetSocketAddress serverAddress = server.localAddress();
            DatagramEndpoint connected = loop.createDatagramEndpoint(null, 0, "127.0.0.1", serverAddress.getPort());
            connected.sendto("one".getBytes(US_ASCII), null);
            Datagram first = connected.recvfrom();
            DatagramEndpoint unconnected = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            unconnected.sendto("two".getBytes(US_ASCII), serverAddress);
            Datagram second = unconnected.recvfrom();
            echo.await();
            List<Object> result = List.of(text(first), first.sender().equals(serverAddress), text(second),
                    second.sender().equals(serverAddress), connected.remoteAddress().equals(serverAddress),
                    unconnected.remoteAddress() == null);
            for (DatagramEndpoint e : List.of(server, connected, unconnected)) {
                e.close();
            }
            return result;
        });
        assertEquals(List.of("echo one", true, "echo two", true, true, true), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anEmptyDatagramIsNotSentAsNettysDatagramChannelsSkipEmptyWrites(LoopKind kind) throws Exception {
        List<Integer> sizes = kind.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            DatagramEndpoint server = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            DatagramEndpoint client = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            client.sendto(new byte[0], server.localAddress());
            client.sendto(new byte[3], server.localAddress());
            client.sendto(new byte[0], server.localAddress());
            client.sendto(new byte[5], server.localAddress());
            List<Integer> got = List.of(server.recvfrom().data().length, server.recvfrom().data().length);
            client.close();
            server.close();
            return got;
        });
        assertEquals(List.of(3, 5), sizes);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void closeEndsAWaitingReadAndRefusesLaterUse(LoopKind kind) throws Exception {
        List<Object> seen = kind.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            DatagramEndpoint endpoint = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            Task<Datagram> waiting = loop.createTask(endpoint::recvfrom);
            Asyncio.sleep(0);
            endpoint.close();
            endpoint.close();
            Exception woken = assertThrows(ClosedChannelException.class, waiting::await);
            assertThrows(ClosedChannelException.class, endpoint::recvfrom);
            IllegalStateException send = assertThrows(IllegalStateException.class,
                    () -> endpoint.sendto(new byte[1], new InetSocketAddress("127.0.0.1", 9)));
            return List.of(woken.getClass().getSimpleName(), send.getMessage(), endpoint.isClosing());
        });
        assertEquals(List.of("ClosedChannelException", "sendto() after close(): make a new endpoint", true), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aConnectedEndpointGetsPortUnreachableFromItsNextReadOnce(LoopKind kind) throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        int port = closedPort;
        String afterwards = kind.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            DatagramEndpoint endpoint = loop.createDatagramEndpoint(null, 0, "127.0.0.1", port);
            endpoint.sendto("anyone?".getBytes(US_ASCII), null);
            assertThrows(PortUnreachableException.class, endpoint::recvfrom);
            // Once only: the endpoint stays usable, and the next read waits.
            Task<Datagram> next = loop.createTask(endpoint::recvfrom);
            Asyncio.sleep(0.05);
            String state = next.done() ? "done" : "waiting";
            endpoint.close();
            assertThrows(ClosedChannelException.class, next::await);
            return state;
        });
        assertEquals("waiting", afterwards);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFloodPausesReadingFromTheSocketUntilTheReaderCatchesUp(LoopKind kind) throws Exception {
        List<Boolean> autoRead = kind.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            DatagramEndpoint server = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            server.channel().config().setOption(io.netty.channel.ChannelOption.SO_RCVBUF, 4 * 1024 * 1024);
            DatagramEndpoint client = loop.createDatagramEndpoint(null, 0, "127.0.0.1", server.localAddress().getPort());
            for (int i = 0; i < DatagramEndpoint.MAX_QUEUED + 100; i++) {
                client.sendto(new byte[] {(byte) i}, null);
                if (i % 100 == 0) {
                    Asyncio.sleep(0.001);
                }
            }
            for (int tries = 0; server.channel().config().isAutoRead() && tries < 500; tries++) {
                Asyncio.sleep(0.01);
            }
            boolean pausedWhenFull = !server.channel().config().isAutoRead();
            if (!pausedWhenFull) {
                // Fewer than MAX_QUEUED came (the kernel dropped some): reading them all would wait forever.
                client.close();
                server.close();
                return List.of(false, false);
            }
            for (int i = 0; i < DatagramEndpoint.MAX_QUEUED; i++) {
                server.recvfrom();
            }
            boolean resumed = server.channel().config().isAutoRead();
            client.close();
            server.close();
            return List.of(pausedWhenFull, resumed);
        });
        assertEquals(List.of(true, true), autoRead);
    }

    @Test
    void badAddressesAreRefusedSayingWhatToGive() throws Exception {
        List<String> messages = Asyncio.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            List<String> m = new ArrayList<>();
            m.add(assertThrows(IllegalArgumentException.class,
                    () -> loop.createDatagramEndpoint("127.0.0.1", 70000, null, 0)).getMessage());
            m.add(assertThrows(IllegalArgumentException.class,
                    () -> loop.createDatagramEndpoint(null, 0, "127.0.0.1", 0)).getMessage());
            DatagramEndpoint unconnected = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            m.add(assertThrows(IllegalArgumentException.class, () -> unconnected.sendto(new byte[1], null)).getMessage());
            m.add(assertThrows(IllegalArgumentException.class, () -> unconnected.sendto(null, null)).getMessage());
            DatagramEndpoint connected = loop.createDatagramEndpoint(null, 0, "127.0.0.1", 9);
            m.add(assertThrows(IllegalArgumentException.class,
                    () -> connected.sendto(new byte[1], new InetSocketAddress("127.0.0.1", 10))).getMessage());
            InetSocketAddress taken = unconnected.localAddress();
            // A BindException from NIO, Netty's own IOException from epoll: the kernel's words either way.
            IOException inUse = assertThrows(IOException.class,
                    () -> loop.createDatagramEndpoint("127.0.0.1", taken.getPort(), null, 0));
            assertTrue(inUse.getMessage().contains("Address already in use"), inUse.toString());
            unconnected.close();
            connected.close();
            return m;
        });
        assertEquals(List.of(
                "createDatagramEndpoint(127.0.0.1, 70000, null, 0): port 70000 is out of range; give one from 0 to 65535 "
                        + "(0 locally: any free one)",
                "createDatagramEndpoint(null, 0, 127.0.0.1, 0): give the remote port to send to, from 1 to 65535",
                "sendto(..., null): give the address to send to, e.g. new InetSocketAddress(\"127.0.0.1\", 9999), "
                        + "or make the endpoint with a remote address",
                "sendto(null, ...): pass the bytes to send",
                "sendto(..., /127.0.0.1:10): this endpoint is connected to /127.0.0.1:9; give null or that address"),
                messages);
    }

    @Test
    void outsideATaskOfTheLoopTheCallIsRefused() {
        Loop loop = Asyncio.newEventLoop();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.createDatagramEndpoint("127.0.0.1", 0, null, 0));
            assertEquals("createDatagramEndpoint() waits for the socket to be bound: call it from a task of this loop",
                    e.getMessage());
        } finally {
            loop.close();
        }
    }
}
