package dev.aioloop.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streams over TLS: asyncio's ssl= and start_tls, with a certificate made at test time. */
class TlsTest {
    private static final ClientConnected ECHO_LINES = StreamsTest.ECHO_LINES;

    @ParameterizedTest
    @MethodSource("dev.aioloop.netty.StreamsTest#kinds")
    void echoesOverTlsAndShowsThePeersCertificate(LoopKind kind) throws Exception {
        TestCertificate cert = TestCertificate.get();
        SslContext server = cert.server();
        SslContext client = cert.trustingClient();
        String echoed = kind.run(() -> {
            StreamServer s = Streams.startServer(ECHO_LINES, "127.0.0.1", 0, server);
            Connection c = Streams.openConnection("127.0.0.1", StreamsTest.port(s), client);
            assertEquals(cert.certificate, c.writer().getExtraInfo("peercert"));
            assertNotNull(c.writer().getExtraInfo("cipher"));
            assertSame(client, c.writer().getExtraInfo("sslcontext"));
            assertEquals(c.writer().peerName(), c.writer().getExtraInfo("peername"));
            assertEquals(c.writer().sockName(), c.writer().getExtraInfo("sockname"));
            c.writer().write("over tls\n".getBytes(US_ASCII));
            String line = new String(c.reader().readline(), US_ASCII);
            c.writer().close();
            c.writer().waitClosed();
            s.close();
            s.waitClosed();
            return line;
        });
        assertEquals("over tls\n", echoed);
    }

    @ParameterizedTest
    @MethodSource("dev.aioloop.netty.StreamsTest#kinds")
    void aClientThatDoesNotTrustTheCertificateGetsAHandshakeErrorAndTheServerReportsIt(LoopKind kind) throws Exception {
        SslContext server = TestCertificate.get().server();
        SslContext jdkTrustOnly = SslContextBuilder.forClient().build();
        List<String> reported = new ArrayList<>();
        SSLHandshakeException failure = kind.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context.message()));
            boolean[] served = {false};
            StreamServer s = Streams.startServer((reader, writer) -> served[0] = true, "127.0.0.1", 0, server);
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> Streams.openConnection("127.0.0.1", StreamsTest.port(s), jdkTrustOnly));
            s.close();
            s.waitClosed();          // the dropped client's connection is gone too
            Asyncio.getRunningLoop().setExceptionHandler(null);
            assertTrue(!served[0], "the callback never ran for a failed handshake");
            return e;
        });
        assertTrue(failure.getMessage().startsWith("TLS handshake with 127.0.0.1:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("PKIX path building failed"), failure.getMessage());
        assertEquals(1, reported.size(), reported::toString);
        assertTrue(reported.getFirst().startsWith("TLS handshake failed with /127.0.0.1:"), reported::toString);
    }

    @ParameterizedTest
    @MethodSource("dev.aioloop.netty.StreamsTest#kinds")
    void startTlsUpgradesAPlainConnectionMidStream(LoopKind kind) throws Exception {
        TestCertificate cert = TestCertificate.get();
        SslContext server = cert.server();
        SslContext client = cert.trustingClient();
        List<Object> seen = kind.run(() -> {
            StreamServer s = Streams.startServer((reader, writer) -> {
                if (new String(reader.readline(), US_ASCII).equals("STARTTLS\n")) {
                    writer.write("GO\n".getBytes(US_ASCII));
                    writer.startTls(server);
                }
                ECHO_LINES.connected(reader, writer);
            }, "127.0.0.1", 0);
            Connection c = Streams.openConnection("127.0.0.1", StreamsTest.port(s));
            List<Object> out = new ArrayList<>();
            out.add(c.writer().getExtraInfo("peercert"));           // plain: null
            c.writer().write("STARTTLS\n".getBytes(US_ASCII));
            out.add(new String(c.reader().readline(), US_ASCII));
            c.writer().startTls(client);
            out.add(c.writer().getExtraInfo("peercert"));
            c.writer().write("secret\n".getBytes(US_ASCII));
            out.add(new String(c.reader().readline(), US_ASCII));
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> c.writer().startTls(client));
            out.add(twice.getMessage());
            c.writer().close();
            s.close();
            s.waitClosed();
            return out;
        });
        assertNull(seen.get(0));
        assertEquals("GO\n", seen.get(1));
        assertEquals(TestCertificate.get().certificate, seen.get(2));
        assertEquals("secret\n", seen.get(3));
        assertEquals("startTls: the connection already speaks TLS", seen.get(4));
    }

    @ParameterizedTest
    @MethodSource("dev.aioloop.netty.StreamsTest#kinds")
    void badTlsArgumentsAreRefusedWithWhatToPass(LoopKind kind) throws Exception {
        List<String> messages = kind.run(() -> {
            StreamServer s = Streams.startServer(ECHO_LINES, "127.0.0.1", 0);
            Connection c = Streams.openConnection("127.0.0.1", StreamsTest.port(s));
            List<String> out = new ArrayList<>();
            out.add(assertThrows(IllegalArgumentException.class, () -> c.writer().getExtraInfo("socket")).getMessage());
            out.add(assertThrows(IllegalArgumentException.class, () -> c.writer().startTls(null)).getMessage());
            out.add(assertThrows(IllegalArgumentException.class,
                    () -> Streams.openConnection("127.0.0.1", StreamsTest.port(s), (SslContext) null)).getMessage());
            out.add(assertThrows(IllegalArgumentException.class,
                    () -> Streams.startServer(ECHO_LINES, "127.0.0.1", 0, (SslContext) null)).getMessage());
            assertInstanceOf(InetSocketAddress.class, c.writer().getExtraInfo("sockname"));
            c.writer().close();
            s.close();
            s.waitClosed();
            return out;
        });
        assertTrue(messages.get(0).contains("pass one of \"peername\""), messages.get(0));
        assertTrue(messages.get(1).contains("pass the SslContext"), messages.get(1));
        assertTrue(messages.get(2).contains("pass a client SslContext"), messages.get(2));
        assertTrue(messages.get(3).contains("pass a server SslContext"), messages.get(3));
    }
}
