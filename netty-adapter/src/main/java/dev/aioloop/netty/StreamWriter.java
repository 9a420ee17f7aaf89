package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The writing side of a connection opened by {@link Streams}, or a child process's standard input
 * ({@link Subprocess#stdin()}): asyncio's {@code StreamWriter}.
 * {@link #write(byte[])} never waits: it copies the bytes and hands them to the socket; a program
 * that writes much should await {@link #drain()} after its writes, which waits while the socket's
 * outgoing buffer is above its high-water mark (Netty's channel writability), so that a writer that
 * outruns a slow reader is held back and memory stays bounded.
 *
 * <pre>{@code
 * writer.write("hello\n".getBytes(UTF_8));
 * writer.drain();
 * writer.close();
 * writer.waitClosed();
 * }</pre>
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public final class StreamWriter {
    private final Outlet outlet;
    private boolean closing;
    private boolean eofWritten;
    // The name the peer was reached by (a client's certificate check needs it), and the TLS context, if any.
    private String peerHost;
    private SslContext sslContext;

    StreamWriter(Outlet outlet) {
        this.outlet = outlet;
    }

    /**
     * Sends {@code data} (copied: the array may be reused at once). Once the writer is closing or the
     * connection is lost, data is dropped; {@link #drain()} then reports the loss.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void write(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("write(null): pass the bytes to send");
        }
        if (checkWritable(data.length)) {
            outlet.send(List.of(data), data.length);
        }
    }

    /**
     * Sends {@code data}'s readable bytes without copying them, taking the buffer over: the writer
     * releases it once sent, or at once if it sends nothing (the writer closing, the connection lost,
     * or an exception from this call). With {@link StreamReader#readBuffer(int)}, bytes pass from one
     * connection to another as they came.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void write(ByteBuf data) {
        if (data == null) {
            throw new IllegalArgumentException("write(null): pass the buffer to send");
        }
        boolean sending;
        try {
            sending = checkWritable(data.readableBytes());
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        if (sending) {
            outlet.send(data);
        } else {
            data.release();
        }
    }

    /** Sends the arrays one after the other, as one write. */
    public void writelines(Iterable<byte[]> lines) {
        if (lines == null) {
            throw new IllegalArgumentException("writelines(null): pass the byte arrays to send");
        }
        // One pass over the iterable, which may be one-shot; sizes are summed from the copy.
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (byte[] line : lines) {
            if (line == null) {
                throw new IllegalArgumentException("writelines: element " + parts.size() + " is null; pass byte arrays only");
            }
            parts.add(line);
            total += line.length;
        }
        if (checkWritable(total)) {
            outlet.send(parts, total);
        }
    }

    private boolean checkWritable(int length) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof(): the sending side is shut");
        }
        return length > 0 && !closing && !outlet.lost();
    }

    /**
     * Waits until the outgoing buffer is below its low-water mark again; returns at once if it is not
     * above its high-water mark. For a socket, that is Netty's channel writability; for a child's
     * standard input, 64 KiB not yet taken by the pipe.
     *
     * @throws Exception the error the connection was lost with, or a {@link java.net.SocketException}
     *         if it was lost without one
     */
    public void drain() throws Exception {
        Throwable failure = outlet.failure();
        if (failure != null) {
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
        if (isClosing()) {
            // Lets the loop deliver a pending loss first, so that a write-and-drain loop on a
            // closing connection sees the error instead of spinning.
            Asyncio.sleep(0);
        }
        outlet.drain();
    }

    /** Whether the sending side can be shut alone ({@link #writeEof()}): true for TCP, Unix sockets and pipes. */
    public boolean canWriteEof() {
        return outlet.canWriteEof();
    }

    /**
     * Shuts the sending side once what was written is sent: the peer reads the end of the stream,
     * and may still send (half-close). For a child's standard input, closes the pipe.
     *
     * @throws UnsupportedOperationException if the channel cannot (see {@link #canWriteEof()})
     */
    public void writeEof() {
        if (!outlet.canWriteEof()) {
            throw new UnsupportedOperationException("This channel cannot shut its sending side alone: close() it instead");
        }
        if (eofWritten || closing) {
            return;
        }
        eofWritten = true;
        outlet.writeEof();
    }

    /** Closes the connection once what was written is sent. Idempotent. */
    public void close() {
        if (!closing) {
            closing = true;
            outlet.close();
        }
    }

    /** Closes the connection now, dropping what was written and not yet sent: a transport's abort(). */
    void abort() {
        closing = true;
        Channel channel = outlet.channel();
        if (channel != null) {
            channel.close();
        } else {
            outlet.close();
        }
    }

    /** Whether {@link #close()} was called or the connection is lost. */
    public boolean isClosing() {
        return closing || outlet.lost();
    }

    /**
     * Waits until the connection is closed.
     *
     * @throws Exception the error the connection was lost with, if any
     */
    public void waitClosed() throws Exception {
        outlet.closed().await();
    }

    /**
     * Upgrades the connection to TLS where it stands, asyncio 3.11's {@code start_tls}, for protocols
     * that switch to TLS mid-stream (SMTP's and IMAP's STARTTLS): returns once the handshake is done;
     * what is written afterwards is encrypted. A client context makes this end the TLS client (the
     * server's certificate is checked against the host given to {@link Streams#openConnection}), a
     * server context makes it the server. Bytes the peer sent in clear before its handshake, still
     * unread in the reader, stay there.
     *
     * <pre>{@code
     * writer.write("STARTTLS\r\n".getBytes(US_ASCII));
     * reader.readline();                         // "220 go ahead"
     * writer.startTls(SslContextBuilder.forClient().build());
     * }</pre>
     *
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails, naming the peer and the cause
     * @throws IllegalStateException if the connection already speaks TLS
     */
    public void startTls(SslContext sslContext) throws Exception {
        if (sslContext == null) {
            throw new IllegalArgumentException("startTls(null): pass the SslContext to upgrade with "
                    + "(SslContextBuilder.forClient() on the connecting side, forServer(...) on the accepting one)");
        }
        Channel channel = outlet.channel();
        if (channel == null) {
            throw new IllegalStateException("startTls: a child's standard input is a pipe, which has no TLS; upgrade a connection of Streams");
        }
        if (channel.pipeline().get(SslHandler.class) != null) {
            throw new IllegalStateException("startTls: the connection already speaks TLS");
        }
        InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
        SslHandler tls = sslContext.isClient()
                ? sslContext.newHandler(channel.alloc(), peerHost != null ? peerHost : peer.getHostString(), peer.getPort())
                : sslContext.newHandler(channel.alloc());
        channel.pipeline().addFirst(tls);
        handshake(tls, sslContext);
    }

    void peerHost(String host) {
        peerHost = host;
    }

    void secured(SslContext context) {
        sslContext = context;
    }

    /** Waits for {@code tls}'s handshake; its failure closes the connection and is rethrown naming the peer. */
    void handshake(SslHandler tls, SslContext context) throws Exception {
        sslContext = context;
        try {
            NettyFutures.await(tls.handshakeFuture());
        } catch (Exception e) {
            outlet.close();
            SSLHandshakeException failed = new SSLHandshakeException("TLS handshake with " + peerText() + " failed: "
                    + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
    }

    /** The peer as address:port, after the name it was reached by when that was not the address itself. */
    private String peerText() {
        if (!(outlet.peerName() instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return String.valueOf(outlet.peerName());
        }
        String address = peer.getAddress().getHostAddress() + ":" + peer.getPort();
        return peerHost == null || peerHost.equals(peer.getAddress().getHostAddress()) ? address
                : peerHost + " (" + address + ")";
    }

    /**
     * What asyncio's {@code get_extra_info} answers, for the keys that apply: {@code "peername"} and
     * {@code "sockname"} (the {@link SocketAddress}es), and over TLS {@code "peercert"} (the peer's
     * {@link java.security.cert.X509Certificate}, or null if it sent none), {@code "cipher"} (the
     * cipher suite's name), {@code "sslcontext"} (the {@link SslContext}); the TLS keys are null on a
     * plain connection.
     *
     * @throws IllegalArgumentException for any other key, naming those
     */
    public Object getExtraInfo(String name) {
        if (name == null) {
            throw new IllegalArgumentException("getExtraInfo(null): " + EXTRA_INFO_KEYS);
        }
        Channel channel = outlet.channel();
        SslHandler tls = channel != null ? channel.pipeline().get(SslHandler.class) : null;
        SSLSession session = tls != null ? tls.engine().getSession() : null;
        return switch (name) {
            case "peername" -> outlet.peerName();
            case "sockname" -> outlet.sockName();
            case "peercert" -> session != null ? peerCertificate(session) : null;
            case "cipher" -> session != null ? session.getCipherSuite() : null;
            case "sslcontext" -> tls != null ? sslContext : null;
            default -> throw new IllegalArgumentException("getExtraInfo(\"" + name + "\"): " + EXTRA_INFO_KEYS);
        };
    }

    private static final String EXTRA_INFO_KEYS = "pass one of \"peername\", \"sockname\", \"peercert\", "
            + "\"cipher\", \"sslcontext\"";

    private static Certificate peerCertificate(SSLSession session) {
        try {
            return session.getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /** The address of the other end; null for a child's standard input. */
    public SocketAddress peerName() {
        return outlet.peerName();
    }

    /** The address of this end; null for a child's standard input. */
    public SocketAddress sockName() {
        return outlet.sockName();
    }

    /** The Netty channel under the stream; null for a child's standard input, which is a pipe. */
    public Channel channel() {
        return outlet.channel();
    }

    @Override
    public String toString() {
        return "StreamWriter[" + outlet + (closing ? ", closing" : "") + "]";
    }
}
