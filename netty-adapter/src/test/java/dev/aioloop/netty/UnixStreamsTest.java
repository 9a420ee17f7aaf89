package dev.aioloop.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Streams#openUnixConnection} and {@link Streams#startUnixServer}, on epoll's domain sockets and on NIO's. */
class UnixStreamsTest {
    @TempDir
    Path dir;

    private static final ClientConnected ECHO_LINES = StreamsTest.ECHO_LINES;

    static List<LoopKind> kinds() {
        return LoopKind.available();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void echoesBothWaysEndsAtTheClientsEndOfStreamAndTheCloseRemovesTheSocketFile(LoopKind kind) throws Exception {
        String path = dir.resolve("echo.sock").toString();
        List<Object> seen = kind.run(() -> {
            StreamServer server = Streams.startUnixServer(ECHO_LINES, path);
            boolean fileWhileServing = Files.exists(Path.of(path));
            Connection conn = Streams.openUnixConnection(path);
            conn.writer().write("one\n".getBytes(US_ASCII));
            String first = new String(conn.reader().readline(), US_ASCII);
            conn.writer().write("two\n".getBytes(US_ASCII));
            String second = new String(conn.reader().readline(), US_ASCII);
            boolean canWriteEof = conn.writer().canWriteEof();
            conn.writer().writeEof();
            // Our end of stream ends the server's loop, which closes its side.
            String rest = new String(conn.reader().read(-1), US_ASCII);
            conn.writer().close();
            conn.writer().waitClosed();
            server.close();
            server.waitClosed();
            return List.of(fileWhileServing, first, second, canWriteEof, rest, server.addresses());
        });
        assertEquals(List.of(true, "one\n", "two\n", true, "", List.of()), seen);
        assertFalse(Files.exists(Path.of(path)), "the close removes the socket file");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theServerAnswersAfterTheClientsHalfCloseOnEpollWhileNiosDomainChannelClosesAtTheEnd(LoopKind kind)
            throws Exception {
        String path = dir.resolve("half.sock").toString();
        String answer = kind.run(() -> {
            StreamServer server = Streams.startUnixServer((reader, writer) -> {
                int n = reader.read(-1).length;
                // Past the client's end of stream, and after a pause: only a half-closed socket takes it.
                Asyncio.sleep(0.05);
                writer.write(("got " + n).getBytes(US_ASCII));
                writer.close();
            }, path);
            Connection conn = Streams.openUnixConnection(path);
            conn.writer().write("12345".getBytes(US_ASCII));
            conn.writer().writeEof();
            String got = new String(conn.reader().read(-1), US_ASCII);
            conn.writer().close();
            server.close();
            server.waitClosed();
            return got;
        });
        boolean epoll = kind == LoopKind.EPOLL_GROUP || kind == LoopKind.STANDALONE && Epoll.isAvailable();
        assertEquals(epoll ? "got 5" : "", answer);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSocketFileLeftBehindIsReplacedButAnOrdinaryFileIsNot(LoopKind kind) throws Exception {
        Path stale = dir.resolve("stale.sock");
        // A socket file nobody listens on any more, as a killed server leaves.
        try (var leftover = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            leftover.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        Path ordinary = Files.writeString(dir.resolve("notes.txt"), "keep me");
        byte[] answer = kind.run(() -> {
            StreamServer server = Streams.startUnixServer(ECHO_LINES, stale.toString());
            Connection conn = Streams.openUnixConnection(stale.toString());
            conn.writer().write("hi\n".getBytes(US_ASCII));
            byte[] line = conn.reader().readline();
            conn.writer().close();
            server.close();
            server.waitClosed();
            return line;
        });
        assertArrayEquals("hi\n".getBytes(US_ASCII), answer);
        BindException refused = assertThrows(BindException.class,
                () -> kind.run(() -> Streams.startUnixServer(ECHO_LINES, ordinary.toString())));
        assertEquals("startUnixServer(" + ordinary + ", ...): a file that is no socket is there; give another path, "
                + "or remove the file", refused.getMessage());
        assertEquals("keep me", Files.readString(ordinary));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void connectingWhereNothingListensFailsWithAnIoError(LoopKind kind) {
        String nowhere = dir.resolve("nobody.sock").toString();
        Exception e = assertThrows(Exception.class, () -> kind.run(() -> Streams.openUnixConnection(nowhere)));
        assertInstanceOf(IOException.class, e, e.toString());
        String missingDirectory = dir.resolve("no/such/dir/app.sock").toString();
        assertThrows(IOException.class, () -> kind.run(() -> Streams.startUnixServer(ECHO_LINES, missingDirectory)));
    }

    @Test
    void aMissingPathOrHandlerIsRefusedSayingWhatToGive() {
        IllegalArgumentException nullPath = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(() -> Streams.openUnixConnection(null)));
        assertEquals("openUnixConnection(null, ...): give the path of the socket file, e.g. \"/tmp/app.sock\"",
                nullPath.getMessage());
        IllegalArgumentException emptyPath = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(() -> Streams.startUnixServer(ECHO_LINES, "")));
        assertEquals("startUnixServer(\"\", ...): give the path of the socket file, e.g. \"/tmp/app.sock\"",
                emptyPath.getMessage());
        IllegalArgumentException noHandler = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(() -> Streams.startUnixServer(null, dir.resolve("x.sock").toString())));
        assertEquals("startUnixServer(null, ...): pass what to run for each connection", noHandler.getMessage());
    }
}
