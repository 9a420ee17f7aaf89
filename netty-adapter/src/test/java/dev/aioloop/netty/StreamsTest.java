package dev.aioloop.netty;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ChannelOption;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamsTest {
    static List<LoopKind> kinds() {
        return LoopKind.available();
    }

    static final ClientConnected ECHO_LINES = (reader, writer) -> {
        for (byte[] line; (line = reader.readline()).length > 0; ) {
            writer.write(line);
            writer.drain();
        }
        writer.close();
    };

    static int port(StreamServer server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    /** Waits for the peer's end of stream, then closes our side: a peer's close only half-closes us, as in asyncio. */
    private static void endOfStreamThenClose(Connection conn) throws Exception {
        assertEquals(0, conn.reader().read(-1).length);
        conn.writer().close();
        conn.writer().waitClosed();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, US_ASCII);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void echoesForManyConcurrentClients(LoopKind kind) throws Exception {
        int clients = 50;
        int lines = 20;
        List<Object> answers = kind.run(() -> {
            StreamServer server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0);
            List<Task<String>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                tasks.add(ensureFuture(() -> {
                    Connection conn = Streams.openConnection("127.0.0.1", port(server));
                    assertNotNull(conn.writer().peerName());
                    StringBuilder got = new StringBuilder();
                    for (int i = 0; i < lines; i++) {
                        conn.writer().write(ascii("client " + id + " line " + i + "\n"));
                        got.append(text(conn.reader().readline()));
                    }
                    conn.writer().close();
                    conn.writer().waitClosed();
                    return got.toString();
                }));
            }
            List<Object> results = await(Asyncio.gather(tasks.toArray(new Task<?>[0])));
            server.close();
            server.waitClosed();
            return results;
        });
        assertEquals(clients, answers.size());
        for (int c = 0; c < clients; c++) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                expected.append("client ").append(c).append(" line ").append(i).append('\n');
            }
            assertEquals(expected.toString(), answers.get(c));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void carriesPayloadsLargerThanAnyBufferBothWays(LoopKind kind) throws Exception {
        byte[] payload = new byte[6 * 1024 * 1024 + 7];
        new Random(42).nextBytes(payload);
        byte[] back = kind.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                for (byte[] chunk; (chunk = reader.read(100_000)).length > 0; ) {
                    writer.write(chunk);
                    writer.drain();
                }
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            Task<byte[]> receiving = ensureFuture(() -> conn.reader().read(-1));
            for (int off = 0; off < payload.length; off += 300_000) {
                conn.writer().write(java.util.Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 300_000)));
                conn.writer().drain();
            }
            conn.writer().writeEof();
            byte[] received = await(receiving);
            assertTrue(conn.reader().atEof());
            server.close();
            server.waitClosed();
            return received;
        });
        assertArrayEquals(payload, back);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHalfClosedPeerIsReadToItsEndAndCanStillBeAnswered(LoopKind kind) throws Exception {
        String answer = kind.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                byte[] all = reader.read(-1);
                assertTrue(reader.atEof());
                assertEquals(0, reader.read(10).length);
                writer.write(ascii("got " + text(all)));
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            assertTrue(conn.writer().canWriteEof());
            conn.writer().write(ascii("abc"));
            conn.writer().writeEof();
            assertThrows(IllegalStateException.class, () -> conn.writer().write(ascii("late")));
            String got = text(conn.reader().read(-1));
            server.close();
            server.waitClosed();
            return got;
        });
        assertEquals("got abc", answer);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void writelinesSendsAOneShotIterableWholeAndRefusesNullParts(LoopKind kind) throws Exception {
        String answer = kind.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                writer.write(reader.read(-1));
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            Iterable<byte[]> oneShot = List.of(ascii("ab"), ascii("cd"), ascii("ef")).stream()::iterator;
            conn.writer().writelines(oneShot);
            List<byte[]> withNull = new java.util.ArrayList<>(List.of(ascii("x")));
            withNull.add(null);
            assertThrows(IllegalArgumentException.class, () -> conn.writer().writelines(withNull));
            conn.writer().writeEof();
            String got = text(conn.reader().read(-1));
            conn.writer().close();
            server.close();
            server.waitClosed();
            return got;
        });
        assertEquals("abcdef", answer);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void readexactlyAndReaduntilRaiseIncompleteReadAtTheEnd(LoopKind kind) throws Exception {
        List<String> seen = kind.run(() -> {
            List<String> notes = new ArrayList<>();
            StreamServer server = Streams.startServer((reader, writer) -> {
                assertEquals("ab", text(reader.readexactly(2)));
                IncompleteReadError exact = assertThrows(IncompleteReadError.class, () -> reader.readexactly(10));
                notes.add(text(exact.partial()) + "/" + exact.expected());
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            conn.writer().write(ascii("abcde"));
            conn.writer().writeEof();
            endOfStreamThenClose(conn);

            StreamServer second = Streams.startServer((reader, writer) -> {
                IncompleteReadError until = assertThrows(IncompleteReadError.class, () -> reader.readuntil(ascii("--")));
                notes.add(text(until.partial()) + "/" + until.expected());
                assertTrue(reader.atEof());
                writer.close();
            }, "127.0.0.1", 0);
            Connection other = Streams.openConnection("127.0.0.1", port(second));
            other.writer().write(ascii("no separator-"));
            other.writer().writeEof();
            endOfStreamThenClose(other);
            server.close();
            second.close();
            return notes;
        });
        assertEquals(List.of("cde/10", "no separator-/-1"), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLineOverTheLimitRaisesLimitOverrunAndTheNextLineStillReads(LoopKind kind) throws Exception {
        int limit = 1024;
        List<String> seen = kind.run(() -> {
            List<String> notes = new ArrayList<>();
            StreamServer server = Streams.startServer((reader, writer) -> {
                LimitOverrunError found = assertThrows(LimitOverrunError.class, reader::readline);
                notes.add("found " + found.consumed());
                notes.add(text(reader.readline()));
                LimitOverrunError notFound = assertThrows(LimitOverrunError.class, () -> reader.readuntil(ascii("#")));
                notes.add("not found " + (notFound.consumed() > limit));
                writer.close();
            }, "127.0.0.1", 0, limit);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            conn.writer().write(ascii("x".repeat(2000) + "\nshort\n" + "y".repeat(3000)));
            endOfStreamThenClose(conn);
            server.close();
            return notes;
        });
        assertEquals(List.of("found 2000", "short\n", "not found true"), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPeerThatResetsMidReadFailsTheReadWithTheReset(LoopKind kind) throws Exception {
        Throwable failure = kind.run(() -> {
            Throwable[] seen = new Throwable[1];
            StreamServer server = Streams.startServer((reader, writer) -> {
                try {
                    reader.readexactly(1000);
                } catch (IOException e) {
                    seen[0] = e;
                }
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            conn.writer().write(ascii("partial"));
            conn.writer().drain();
            sleep(0.05);
            conn.writer().channel().config().setOption(ChannelOption.SO_LINGER, 0);
            conn.writer().channel().close();
            server.close();
            server.waitClosed();
            return seen[0];
        });
        assertNotNull(failure);
        assertFalse(failure instanceof EOFException, "a reset is an error, not an end of stream: " + failure);
        assertTrue(String.valueOf(failure.getMessage()).toLowerCase().contains("reset"), String.valueOf(failure));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWriterThatOutrunsASlowReaderWaitsInDrainWithMemoryBounded(LoopKind kind) throws Exception {
        int chunk = 64 * 1024;
        int chunks = 128;
        long[] figures = kind.run(() -> {
            AtomicLong written = new AtomicLong();
            AtomicLong maxPending = new AtomicLong();
            AtomicBoolean blocked = new AtomicBoolean();
            StreamServer server = Streams.startServer((reader, writer) -> {
                byte[] block = new byte[chunk];
                for (int i = 0; i < chunks; i++) {
                    java.util.Arrays.fill(block, (byte) i);
                    writer.write(block);
                    written.addAndGet(chunk);
                    maxPending.accumulateAndGet(
                            writer.channel().unsafe().outboundBuffer().totalPendingWriteBytes(), Math::max);
                    if (!writer.channel().isWritable()) {
                        blocked.set(true);
                    }
                    writer.drain();
                }
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            // Until the writer meets a full socket, or has written everything (the check below then fails).
            while (!blocked.get() && written.get() < (long) chunk * chunks) {
                sleep(0.005);
            }
            // Give the writer every chance to run ahead: it must stay parked in drain().
            for (int i = 0; i < 20; i++) {
                sleep(0.005);
            }
            long writtenWhileStalled = written.get();
            long readerBuffered = conn.reader().size();
            for (int i = 0; i < chunks; i++) {
                byte[] got = conn.reader().readexactly(chunk);
                if (got[0] != (byte) i || got[chunk - 1] != (byte) i) {
                    throw new AssertionError("chunk " + i + " arrived out of order");
                }
            }
            assertEquals(0, conn.reader().read(-1).length);
            server.close();
            server.waitClosed();
            return new long[] {writtenWhileStalled, readerBuffered, maxPending.get()};
        });
        long total = (long) chunk * chunks;
        assertTrue(figures[0] < total, "the writer ran to the end (" + figures[0] + " bytes) without waiting");
        // The reader stops reading past twice its limit, plus what one socket read brings.
        assertTrue(figures[1] <= 2L * Streams.DEFAULT_LIMIT + 2 * chunk, "reader buffered " + figures[1]);
        // Netty's high-water mark (64 KiB) plus the write that crossed it.
        assertTrue(figures[2] <= 64 * 1024 + chunk, "writer kept " + figures[2] + " bytes pending");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void closingTheServerStopsAcceptingButLetsOpenConnectionsFinish(LoopKind kind) throws Exception {
        List<String> notes = kind.run(() -> {
            List<String> seen = new ArrayList<>();
            StreamServer server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0);
            int port = port(server);
            Connection conn = Streams.openConnection("127.0.0.1", port);
            conn.writer().write(ascii("before\n"));
            seen.add(text(conn.reader().readline()));
            assertTrue(server.isServing());
            server.close();
            Task<Void> closing = ensureFuture(() -> {
                server.waitClosed();
                return null;
            });
            sleep(0.05);
            assertFalse(server.isServing());
            assertTrue(server.addresses().isEmpty());
            assertThrows(ConnectException.class, () -> Streams.openConnection("127.0.0.1", port));
            conn.writer().write(ascii("after\n"));
            seen.add(text(conn.reader().readline()));
            seen.add("waiting " + !closing.done() + " with " + server.activeConnections());
            conn.writer().close();
            await(closing);
            seen.add("closed with " + server.activeConnections());
            return seen;
        });
        assertEquals(List.of("before\n", "after\n", "waiting true with 1", "closed with 0"), notes);
    }

    /** A server whose callbacks wait in readline, then linger, noting each step; and {@code clients} connected to it. */
    private static List<Connection> blockedInReadline(StreamServer server, int clients) throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(Streams.openConnection("127.0.0.1", port(server)));
        }
        while (server.activeConnections() < clients) {
            sleep(0.01);
        }
        sleep(0.05);                              // every callback is in its readline
        return connections;
    }

    private static ClientConnected readlineThenLinger(List<String> notes) {
        return (reader, writer) -> {
            byte[] line = reader.readline();
            sleep(0.1);                           // waitClosed waits for this too
            notes.add("read " + line.length + " bytes, then returned");
        };
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void closeClientsEndsCallbacksBlockedInReadlineAndWaitClosedWaitsForThem(LoopKind kind) throws Exception {
        List<String> notes = kind.run(() -> {
            List<String> seen = new ArrayList<>();
            StreamServer server = Streams.startServer(readlineThenLinger(seen), "127.0.0.1", 0);
            List<Connection> clients = blockedInReadline(server, 3);
            server.close();
            server.closeClients();
            server.waitClosed();
            seen.add(server.activeConnections() + " active");
            for (Connection c : clients) {
                seen.add("client read " + c.reader().read(-1).length);
                c.writer().close();
            }
            return seen;
        });
        assertEquals(List.of("read 0 bytes, then returned", "read 0 bytes, then returned", "read 0 bytes, then returned",
                "0 active", "client read 0", "client read 0", "client read 0"), notes);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void abortClientsDropsWhatWasNotSentAndEndsTheCallbacks(LoopKind kind) throws Exception {
        int unsent = 32 * 1024 * 1024;
        List<String> notes = kind.run(() -> {
            List<String> seen = new ArrayList<>();
            ClientConnected linger = readlineThenLinger(seen);
            StreamServer server = Streams.startServer((reader, writer) -> {
                writer.write(new byte[unsent]);   // far more than the sockets' buffers: most stays queued
                linger.connected(reader, writer);
            }, "127.0.0.1", 0);
            Connection client = blockedInReadline(server, 1).getFirst();
            server.close();
            server.abortClients();
            server.waitClosed();
            long received = 0;
            try {
                for (byte[] block; (block = client.reader().read(1 << 20)).length > 0; ) {
                    received += block.length;
                }
            } catch (IOException reset) {
                // An abort may reset the connection: what came before it is all there is.
            }
            seen.add("client got less " + (received < unsent));
            client.writer().close();
            return seen;
        });
        assertEquals(List.of("read 0 bytes, then returned", "client got less true"), notes);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void serveForeverEndsWhenCancelledAndClosesTheServer(LoopKind kind) throws Exception {
        boolean closed = kind.run(() -> {
            StreamServer server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0);
            Task<Void> serving = ensureFuture(() -> {
                server.serveForever();
                return null;
            });
            sleep(0.01);
            assertThrows(IllegalStateException.class, server::serveForever);
            serving.cancel();
            assertThrows(CancelledError.class, () -> await(serving));
            return !server.isServing();
        });
        assertTrue(closed);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCallbackThatThrowsIsReportedAndItsConnectionClosed(LoopKind kind) throws Exception {
        List<String> notes = kind.run(() -> {
            List<String> seen = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> seen.add(context.message() + ": "
                    + context.exception().getMessage()));
            StreamServer server = Streams.startServer((reader, writer) -> {
                throw new IOException("handler failed");
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            seen.add("read " + conn.reader().read(-1).length);
            server.close();
            server.waitClosed();
            Asyncio.getRunningLoop().setExceptionHandler(null);
            return seen;
        });
        assertEquals(List.of("Unhandled exception in client_connected_cb: handler failed", "read 0"), notes);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTaskWritesToItsChannelFromTheChannelsOwnThread(LoopKind kind) throws Exception {
        boolean inEventLoop = kind.run(() -> {
            AtomicBoolean direct = new AtomicBoolean();
            StreamServer server = Streams.startServer((reader, writer) -> {
                direct.set(writer.channel().eventLoop().inEventLoop());
                writer.write(reader.readline());
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            conn.writer().write(ascii("ping\n"));
            assertEquals("ping\n", text(conn.reader().readline()));
            server.close();
            server.waitClosed();
            return direct.get();
        });
        assertTrue(inEventLoop);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aServerSpreadsItsConnectionsOverAWorkerGroup(LoopKind kind) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicBoolean everyTaskOnItsChannelsLoop = new AtomicBoolean(true);
        MultiThreadIoEventLoopGroup workers = kind.newGroup(2);
        MultiThreadIoEventLoopGroup otherTransport = kind.newGroupOfOtherTransport(1);
        try {
            int served = kind.run(() -> {
                if (otherTransport != null) {
                    // Workers of the other transport: one of them accepts, and the server still belongs here.
                    StreamServer other = Streams.startServer(ECHO_LINES, "127.0.0.1", 0, Streams.DEFAULT_LIMIT,
                            otherTransport);
                    Connection conn = Streams.openConnection("127.0.0.1", port(other));
                    conn.writer().write(ascii("across transports\n"));
                    assertEquals("across transports\n", text(conn.reader().readline()));
                    conn.writer().close();
                    conn.writer().waitClosed();
                    assertSame(Asyncio.getRunningLoop(), other.loop());
                    other.close();
                    other.waitClosed();
                    assertEquals(0, other.activeConnections());
                }
                StreamServer server = Streams.startServer((reader, writer) -> {
                    threads.add(Thread.currentThread().getName());
                    if (Asyncio.getRunningLoop() != Loop.of(writer.channel().eventLoop())
                            || !writer.channel().eventLoop().inEventLoop()) {
                        everyTaskOnItsChannelsLoop.set(false);
                    }
                    ECHO_LINES.connected(reader, writer);
                }, "127.0.0.1", 0, Streams.DEFAULT_LIMIT, workers);
                List<Task<String>> clients = new ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    String line = "client " + c + "\n";
                    clients.add(ensureFuture(() -> {
                        Connection conn = Streams.openConnection("127.0.0.1", port(server));
                        conn.writer().write(ascii(line));
                        String echoed = text(conn.reader().readline());
                        conn.writer().close();
                        conn.writer().waitClosed();
                        return echoed;
                    }));
                }
                int echoed = 0;
                for (int c = 0; c < clients.size(); c++) {
                    assertEquals("client " + c + "\n", await(clients.get(c)));
                    echoed++;
                }
                server.close();
                server.waitClosed();
                assertEquals(0, server.activeConnections());
                return echoed;
            });
            assertEquals(10, served);
        } finally {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (otherTransport != null) {
                otherTransport.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        assertEquals(2, threads.size(), "connections served on " + threads);
        assertTrue(everyTaskOnItsChannelsLoop.get());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badArgumentsAreRefusedWithWhatToDo(LoopKind kind) throws Exception {
        kind.run(() -> {
            StreamServer server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            assertThrows(IllegalArgumentException.class, () -> conn.reader().readexactly(-1));
            assertThrows(IllegalArgumentException.class, () -> conn.reader().readuntil(new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> Streams.startServer(null, "127.0.0.1", 0));
            assertThrows(IllegalArgumentException.class, () -> Streams.openConnection(null, port(server)));
            assertThrows(IllegalArgumentException.class, () -> Streams.openConnection("127.0.0.1", port(server), 0));
            assertThrows(IllegalArgumentException.class, () -> conn.writer().write((byte[]) null));
            assertThrows(IllegalArgumentException.class, () -> conn.writer().write((io.netty.buffer.ByteBuf) null));
            assertThrows(IllegalArgumentException.class, () -> conn.reader().readBuffer(0));
            Task<byte[]> first = ensureFuture(() -> conn.reader().readline());
            sleep(0.01);
            IllegalStateException second = assertThrows(IllegalStateException.class, () -> conn.reader().readline());
            assertTrue(second.getMessage().contains("one task at a time"), second.getMessage());
            conn.writer().write(ascii("done\n"));
            assertEquals("done\n", text(await(first)));
            conn.writer().close();
            server.close();
            server.waitClosed();
            return null;
        });
    }
}
