package dev.aioloop.netty;

import dev.aioloop.Loop;
import dev.aioloop.internal.SingleWaiter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;

/**
 * The reading side of a connection opened by {@link Streams}, or a child process's standard output
 * or error ({@link Subprocess}): asyncio's {@code StreamReader}. Every
 * read is called from a task of the connection's loop and waits, without blocking the loop, until
 * it can be satisfied or the stream ends.
 *
 * <p>The buffer has a limit (64 KiB unless set otherwise): past twice the limit the reader stops
 * reading from the socket, so that a peer that sends faster than the program reads is held back by
 * TCP instead of filling memory; reading resumes once the buffer is back under the limit. A line or
 * a separator is looked for within the limit only ({@link LimitOverrunError}).
 *
 * <pre>{@code
 * byte[] line = reader.readline();          // up to and including '\n', or what is left at the end
 * byte[] header = reader.readexactly(4);    // IncompleteReadError if the stream ends first
 * byte[] rest = reader.read(-1);            // everything up to the end of the stream
 * }</pre>
 *
 * <p>{@link #readBuffer(int)} hands out the received bytes themselves, as a Netty buffer the caller
 * releases, for a program that passes them on ({@link StreamWriter#write(ByteBuf)}) without copying.
 * The reader keeps what the socket delivered as it came and copies only to join a delivery to bytes
 * still unread.
 *
 * <p>Not thread-safe: use it on its loop's thread, one reading task at a time.
 */
public final class StreamReader {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};
    // Deliveries of at least this many bytes that come behind unread ones are chained, not copied, up
    // to MAX_CHAINED links, past which Netty merges them into one buffer (reading pauses at twice the
    // limit: a reader of the default limit holds at most 128 such links).
    private static final int CHAINED = 1024;
    private static final int MAX_CHAINED = 1024;

    private final Loop loop;
    private final int limit;
    private Source source;
    // The unread bytes are its readable ones. While the connection lasts, often a buffer the socket
    // filled, kept as it came; at the end, a heap copy (see ended()), so that bytes nobody reads are
    // not a pooled buffer left unreleased.
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    private boolean movedToHeap;
    private boolean eof;
    private Throwable exception;
    private final SingleWaiter waiter = new SingleWaiter();
    private boolean paused;

    StreamReader(Loop loop, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit " + limit + ": the buffer limit must be a positive number of bytes");
        }
        this.loop = loop;
        this.limit = limit;
    }

    /** Where the reader's bytes come from, told to pause and resume: a channel's auto-read, a pipe's reading thread. */
    interface Source {
        void setReading(boolean on);
    }

    void attach(Source source) {
        this.source = source;
    }

    // ---- fed by the connection ----

    /** Adds {@code data}'s readable bytes; the caller keeps its own reference to {@code data}. */
    void feedData(ByteBuf data) {
        int n = data.readableBytes();
        if (n == 0) {
            return;
        }
        append(data, n);
        waiter.wake(null);
        if (!paused && size() > 2 * limit) {
            setReading(false);
        }
    }

    void feedData(byte[] data) {
        ByteBuf wrapped = Unpooled.wrappedBuffer(data);
        try {
            feedData(wrapped);
        } finally {
            wrapped.release();
        }
    }

    void feedEof() {
        eof = true;
        ended();
        waiter.wake(null);
    }

    void setException(Throwable error) {
        exception = error;
        ended();
        waiter.wake(error);
    }

    // ---- reading ----

    /** The error the connection was lost with, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Whether the stream has ended and every byte of it was read. */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /** How many bytes the reader holds unread. */
    int size() {
        return buffer.readableBytes();
    }

    /** {@link #read(int)} of everything up to the end of the stream. */
    public byte[] read() throws Exception {
        return read(-1);
    }

    /**
     * Reads at most {@code n} bytes, waiting for at least one unless the stream has ended; an empty
     * array means the end. With {@code n} negative, reads everything up to the end of the stream.
     *
     * @throws Exception the error the connection was lost with (for instance a reset)
     */
    public byte[] read(int n) throws Exception {
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] block = read(limit); block.length > 0; block = read(limit)) {
                all.write(block);
            }
            return all.toByteArray();
        }
        if (size() == 0 && !eof) {
            waitForData("read");
        }
        return take(Math.min(n, size()));
    }

    /**
     * {@link #read(int)} without copying: at most {@code n} bytes (n at least 1), as they arrived, in a
     * buffer that now belongs to the caller, who releases it (or hands it to
     * {@link StreamWriter#write(ByteBuf)}, which does). An empty buffer means the end of the stream.
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws Exception the error the connection was lost with (for instance a reset)
     */
    public ByteBuf readBuffer(int n) throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("readBuffer(" + n + "): give the most bytes to take, 1 or more");
        }
        throwIfFailed();
        if (size() == 0 && !eof) {
            waitForData("readBuffer");
        }
        if (size() == 0) {
            return Unpooled.EMPTY_BUFFER;
        }
        ByteBuf out = buffer.readRetainedSlice(Math.min(n, size()));
        consumed();
        return out;
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @throws IncompleteReadError if the stream ends first, with the bytes read until then
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public byte[] readexactly(int n) throws Exception {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly(" + n + "): the size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (size() < n) {
            if (eof) {
                throw new IncompleteReadError(take(size()), n);
            }
            waitForData("readexactly");
        }
        return take(n);
    }

    /**
     * Reads a line: up to and including {@code '\n'}; at the end of the stream, what is left (maybe
     * nothing) without it.
     *
     * @throws LimitOverrunError if no newline comes within the limit; the buffer is then emptied up
     *         to and including the newline if one was found, entirely otherwise
     */
    public byte[] readline() throws Exception {
        try {
            return readuntil(NEWLINE);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            buffer.skipBytes(matchesAt(NEWLINE, e.consumed()) ? e.consumed() + NEWLINE.length : size());
            consumed();
            throw e;
        }
    }

    /**
     * Reads up to and including {@code separator}.
     *
     * @throws IncompleteReadError if the stream ends first, with everything that was left
     * @throws LimitOverrunError if the separator is not within the limit; the data stays in the
     *         buffer and {@link LimitOverrunError#consumed()} says how much to drop
     * @throws IllegalArgumentException if the separator is empty
     */
    public byte[] readuntil(byte[] separator) throws Exception {
        if (separator == null || separator.length == 0) {
            throw new IllegalArgumentException("readuntil: the separator should be at least one byte long");
        }
        throwIfFailed();
        int offset = 0;
        int found;
        while ((found = indexOf(separator, offset)) < 0) {
            // Bytes before here cannot start a match: a later search begins from this point.
            offset = Math.max(0, size() + 1 - separator.length);
            if (offset > limit) {
                throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
            }
            if (eof) {
                throw new IncompleteReadError(take(size()), -1);
            }
            waitForData("readuntil");
        }
        if (found > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", found);
        }
        return take(found + separator.length);
    }

    /** {@link #readuntil(byte[])} with the newline as separator. */
    public byte[] readuntil() throws Exception {
        return readuntil(NEWLINE);
    }

    // ---- inside ----

    private void throwIfFailed() throws Exception {
        Throwable e = exception;
        if (e != null) {
            throw e instanceof Exception checked ? checked : new IllegalStateException(e);
        }
    }

    private void waitForData(String what) throws Exception {
        // A read that needs more than the buffer holds must not wait on a paused socket.
        if (paused) {
            setReading(true);
        }
        waiter.await(loop, what + "() called while another task is already waiting for incoming data: "
                + "read a stream from one task at a time");
    }

    private void maybeResume() {
        if (paused && size() <= limit) {
            setReading(true);
        }
    }

    /** Pauses or resumes reading from the socket; past the end of the stream there is nothing to read. */
    private void setReading(boolean on) {
        paused = !on;
        if (!eof && source != null) {
            source.setReading(on);
        }
    }

    private byte[] take(int n) {
        byte[] out = new byte[n];
        buffer.readBytes(out);
        consumed();
        return out;
    }

    /** After bytes were taken: lets go of an emptied buffer, so that the next delivery is kept as it comes. */
    private void consumed() {
        if (!buffer.isReadable()) {
            buffer.release();
            buffer = Unpooled.EMPTY_BUFFER;
        } else if (buffer instanceof CompositeByteBuf chain && chain.refCnt() == 1) {
            // With no slice of it handed out, nothing depends on its indexes: the deliveries read
            // through go back now rather than when the whole chain is read.
            chain.discardReadComponents();
        }
        maybeResume();
    }

    private void append(ByteBuf data, int n) {
        if (!buffer.isReadable() && !movedToHeap) {
            buffer.release();
            buffer = data.retain();
        } else if (buffer.refCnt() == 1 && !buffer.isReadOnly() && buffer.isWritable(n)) {
            // Ours alone (no slice handed out shares it): the new bytes fit behind the unread ones.
            buffer.writeBytes(data, data.readerIndex(), n);
        } else if (n >= CHAINED && !movedToHeap) {
            // A large delivery behind unread bytes (a message longer than one socket read, say) is
            // chained to them, not copied. Appending leaves the indexes of slices handed out as they were.
            CompositeByteBuf chain;
            if (buffer instanceof CompositeByteBuf chained) {
                chain = chained;
            } else {
                chain = ByteBufAllocator.DEFAULT.compositeBuffer(MAX_CHAINED);
                chain.addComponent(true, buffer);
            }
            buffer = chain.addComponent(true, data.retain());
        } else {
            int capacity = Math.max(size() + n, Math.max(2 * size(), 4096));
            // Past the end of the connection, nothing would release a pooled buffer.
            ByteBuf joined = movedToHeap ? Unpooled.buffer(capacity)
                    : ByteBufAllocator.DEFAULT.buffer(capacity);
            joined.writeBytes(buffer).writeBytes(data, data.readerIndex(), n);
            buffer.release();
            buffer = joined;
        }
    }

    /** At the end of the connection: what is left unread moves to the heap, and the socket's buffer goes back. */
    private void ended() {
        if (movedToHeap) {
            return;
        }
        movedToHeap = true;
        ByteBuf rest = buffer.isReadable() ? Unpooled.wrappedBuffer(ByteBufUtil.getBytes(buffer)) : Unpooled.EMPTY_BUFFER;
        buffer.release();
        buffer = rest;
    }

    /** Where {@code separator} begins, counted from the first unread byte, searching from {@code from}; -1 if absent. */
    private int indexOf(byte[] separator, int from) {
        int base = buffer.readerIndex();
        int last = buffer.writerIndex() - separator.length;
        for (int i = base + from; i <= last; i++) {
            i = buffer.indexOf(i, last + 1, separator[0]);
            if (i < 0) {
                return -1;
            }
            if (matchesAt(separator, i - base)) {
                return i - base;
            }
        }
        return -1;
    }

    /** Whether {@code separator} is at {@code offset} bytes from the first unread one. */
    private boolean matchesAt(byte[] separator, int offset) {
        if (offset < 0 || offset + separator.length > size()) {
            return false;
        }
        int at = buffer.readerIndex() + offset;
        for (int j = 0; j < separator.length; j++) {
            if (buffer.getByte(at + j) != separator[j]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "StreamReader[" + size() + " bytes" + (eof ? ", eof" : "") + (paused ? ", paused" : "")
                + (exception != null ? ", exception=" + exception : "") + "]";
    }
}
