package dev.aioloop.netty;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Task;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The copy-free path: {@link StreamReader#readBuffer(int)} hands out received bytes as a buffer the
 * caller owns, {@link StreamWriter#write(ByteBuf)} takes one over. The class runs under the leak check,
 * so every buffer either side holds must be released, whatever way the connection ends.
 */
@Timeout(120)
class ZeroCopyStreamsTest {
    static List<LoopKind> kinds() {
        return LoopKind.available();
    }

    private static final ClientConnected ZERO_COPY_ECHO = (reader, writer) -> {
        for (ByteBuf data; (data = reader.readBuffer(64 * 1024)).isReadable(); ) {
            writer.write(data);
            writer.drain();
        }
        writer.close();
    };

    private static int port(StreamServer server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void echoesLargePayloadsWithoutCopyingAndMixesWithTheCopyingReads(LoopKind kind) throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024 + 11];
        new Random(7).nextBytes(payload);
        byte[] back = kind.run(() -> {
            StreamServer server = Streams.startServer(ZERO_COPY_ECHO, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            Task<byte[]> receiving = ensureFuture(() -> {
                // Both kinds of read on one stream: the copy-free one and the copying ones see one sequence of bytes.
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                got.write(conn.reader().readexactly(5));
                for (int turn = 0; ; turn++) {
                    if (turn % 2 == 0) {
                        ByteBuf part = conn.reader().readBuffer(10_000);
                        try {
                            if (!part.isReadable()) {
                                break;
                            }
                            got.write(ByteBufUtil.getBytes(part));
                        } finally {
                            part.release();
                        }
                    } else {
                        byte[] part = conn.reader().read(7_000);
                        if (part.length == 0) {
                            break;
                        }
                        got.write(part);
                    }
                }
                return got.toByteArray();
            });
            for (int off = 0; off < payload.length; off += 200_000) {
                int end = Math.min(payload.length, off + 200_000);
                conn.writer().write(Unpooled.wrappedBuffer(payload, off, end - off));
                conn.writer().drain();
            }
            conn.writer().writeEof();
            byte[] received = await(receiving);
            conn.writer().close();
            conn.writer().waitClosed();
            server.close();
            server.waitClosed();
            return received;
        });
        assertArrayEquals(payload, back);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void bytesLeftUnreadAtTheEndAreStillReadableAndNothingLeaks(LoopKind kind) throws Exception {
        String rest = kind.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                writer.write("first\nsecond\nthird".getBytes(US_ASCII));
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            // One write of a few bytes: the rest came with the first line, in the same read.
            assertEquals("first\n", new String(conn.reader().readline(), US_ASCII));
            conn.writer().close();
            conn.writer().waitClosed();
            // The connection is gone: what it delivered and nobody read yet is still there.
            ByteBuf left = conn.reader().readBuffer(1024);
            try {
                server.close();
                server.waitClosed();
                return left.toString(US_ASCII) + "|" + conn.reader().readBuffer(1024).readableBytes();
            } finally {
                left.release();
            }
        });
        assertEquals("second\nthird|0", rest);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWriterThatSendsNothingStillReleasesTheBufferItWasGiven(LoopKind kind) throws Exception {
        List<Integer> refCounts = kind.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                reader.read(-1);
                writer.close();
            }, "127.0.0.1", 0);
            Connection halfClosed = Streams.openConnection("127.0.0.1", port(server));
            ByteBuf afterEof = halfClosed.writer().channel().alloc().buffer().writeBytes(new byte[] {1, 2, 3});
            halfClosed.writer().writeEof();
            assertThrows(IllegalStateException.class, () -> halfClosed.writer().write(afterEof));
            halfClosed.writer().close();
            halfClosed.writer().waitClosed();
            Connection closing = Streams.openConnection("127.0.0.1", port(server));
            ByteBuf afterClose = closing.writer().channel().alloc().buffer().writeBytes(new byte[] {4, 5, 6});
            closing.writer().close();
            closing.writer().write(afterClose);
            closing.writer().waitClosed();
            server.close();
            server.waitClosed();
            return List.of(afterEof.refCnt(), afterClose.refCnt());
        });
        assertEquals(List.of(0, 0), refCounts);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSliceHandedOutKeepsItsBytesWhileMoreArrive(LoopKind kind) throws Exception {
        List<String> seen = kind.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                writer.write("abc".getBytes(US_ASCII));
                writer.drain();
                // Held until the client has its slice, so that the rest comes in a later read.
                reader.readexactly(1);
                writer.write("defghi".getBytes(US_ASCII));
                writer.close();
            }, "127.0.0.1", 0);
            Connection conn = Streams.openConnection("127.0.0.1", port(server));
            ByteBuf first = conn.reader().readBuffer(2);
            try {
                conn.writer().write(new byte[] {'!'});
                byte[] rest = conn.reader().read(-1);
                assertFalse(rest.length == 0);
                assertTrue(conn.reader().atEof());
                conn.writer().close();
                conn.writer().waitClosed();
                server.close();
                server.waitClosed();
                return List.of(first.toString(US_ASCII), new String(rest, US_ASCII));
            } finally {
                first.release();
            }
        });
        assertEquals(List.of("ab", "cdefghi"), seen);
    }
}
