package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

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
