package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The writing side of a connection opened by {@link Streams}: asyncio's {@code StreamWriter}.
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
    private final Channel channel;
    private final StreamProtocol protocol;
    private boolean closing;
    private boolean eofWritten;

    StreamWriter(Channel channel, StreamProtocol protocol) {
        this.channel = channel;
        this.protocol = protocol;
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
            send(channel.alloc().buffer(data.length).writeBytes(data));
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
            send(data);
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
            ByteBuf all = channel.alloc().buffer(total);
            for (byte[] line : parts) {
                all.writeBytes(line);
            }
            send(all);
        }
    }

    private boolean checkWritable(int length) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof(): the sending side is shut");
        }
        return length > 0 && !closing && !protocol.lost();
    }

    private void send(ByteBuf data) {
        // A failure comes back through the pipeline (exceptionCaught), where the connection records it.
        channel.writeAndFlush(data, channel.voidPromise());
    }

    /**
     * Waits until the socket's outgoing buffer is below its low-water mark again; returns at once if
     * it is not above its high-water mark.
     *
     * @throws Exception the error the connection was lost with, or a {@link java.net.SocketException}
     *         if it was lost without one
     */
    public void drain() throws Exception {
        Throwable failure = protocol.reader().exception();
        if (failure != null) {
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
        if (isClosing()) {
            // Lets the loop deliver a pending loss first, so that a write-and-drain loop on a
            // closing connection sees the error instead of spinning.
            Asyncio.sleep(0);
        }
        protocol.drainHelper();
    }

    /** Whether the sending side can be shut alone ({@link #writeEof()}): true for TCP. */
    public boolean canWriteEof() {
        return channel instanceof DuplexChannel;
    }

    /**
     * Shuts the sending side once what was written is sent: the peer reads the end of the stream,
     * and may still send (half-close).
     *
     * @throws UnsupportedOperationException if the channel cannot (see {@link #canWriteEof()})
     */
    public void writeEof() {
        if (!(channel instanceof DuplexChannel duplex)) {
            throw new UnsupportedOperationException("This channel cannot shut its sending side alone: close() it instead");
        }
        if (eofWritten || closing) {
            return;
        }
        eofWritten = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(sent -> duplex.shutdownOutput());
    }

    /** Closes the connection once what was written is sent. Idempotent. */
    public void close() {
        if (!closing) {
            closing = true;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Whether {@link #close()} was called or the connection is lost. */
    public boolean isClosing() {
        return closing || protocol.lost();
    }

    /**
     * Waits until the connection is closed.
     *
     * @throws Exception the error the connection was lost with, if any
     */
    public void waitClosed() throws Exception {
        protocol.closed().await();
    }

    /** The address of the other end. */
    public SocketAddress peerName() {
        return channel.remoteAddress();
    }

    /** The address of this end. */
    public SocketAddress sockName() {
        return channel.localAddress();
    }

    /** The Netty channel under the stream. */
    public Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "StreamWriter[" + channel + (closing ? ", closing" : "") + "]";
    }
}
