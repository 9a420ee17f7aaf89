package dev.aioloop.netty;

import dev.aioloop.Future;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.List;

/**
 * Where a {@link StreamWriter}'s bytes go: a Netty channel ({@link StreamProtocol}) or a child
 * process's standard input ({@link PipeWriter}). The writer keeps asyncio's rules (nothing after
 * {@code write_eof}, nothing sent once closing); an outlet only moves the bytes. Called on the
 * loop's thread.
 */
interface Outlet {
    /** Sends the parts, {@code total} bytes in all, in order; the arrays may be reused once it returns. */
    void send(List<byte[]> parts, int total);

    /** Sends {@code data}'s readable bytes and releases it, once sent or at once. */
    void send(ByteBuf data);

    /** Whether the other end is gone: bytes written now are dropped. */
    boolean lost();

    /** The error the outlet was lost with, or null. */
    Throwable failure();

    /** Waits while more is buffered than the outlet's high-water mark. */
    void drain() throws Exception;

    boolean canWriteEof();

    /** Ends the sending side once what was sent is out. */
    void writeEof();

    /** Closes once what was sent is out. */
    void close();

    /** Completes once closed; with the error, if lost with one. */
    Future<Void> closed();

    SocketAddress peerName();

    SocketAddress sockName();

    /** The Netty channel under the outlet; null for a pipe. */
    Channel channel();
}
