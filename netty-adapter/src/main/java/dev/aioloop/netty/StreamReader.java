package dev.aioloop.netty;

import dev.aioloop.Loop;
import dev.aioloop.internal.SingleWaiter;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

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
 * <p>Not thread-safe: use it on its loop's thread, one reading task at a time.
 */
public final class StreamReader {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final Loop loop;
    private final int limit;
    private Source source;
    // The unread bytes are buffer[start, end).
    private byte[] buffer = EMPTY;
    private int start;
    private int end;
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

    void feedData(ByteBuf data) {
        int n = data.readableBytes();
        if (n == 0) {
            return;
        }
        ensureRoom(n);
        data.readBytes(buffer, end, n);
        fed(n);
    }

    void feedData(byte[] data) {
        if (data.length == 0) {
            return;
        }
        ensureRoom(data.length);
        System.arraycopy(data, 0, buffer, end, data.length);
        fed(data.length);
    }

    private void fed(int n) {
        end += n;
        waiter.wake(null);
        if (!paused && size() > 2 * limit) {
            setReading(false);
        }
    }

    void feedEof() {
        eof = true;
        waiter.wake(null);
    }

    void setException(Throwable error) {
        exception = error;
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
        return end - start;
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
            if (matchesAt(NEWLINE, start + e.consumed())) {
                start += e.consumed() + NEWLINE.length;
            } else {
                start = end;
            }
            maybeResume();
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
        byte[] out = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        if (start == end) {
            start = end = 0;
        }
        maybeResume();
        return out;
    }

    /** Where {@code separator} begins, counted from the first unread byte, searching from {@code from}; -1 if absent. */
    private int indexOf(byte[] separator, int from) {
        for (int i = start + from, last = end - separator.length; i <= last; i++) {
            if (matchesAt(separator, i)) {
                return i - start;
            }
        }
        return -1;
    }

    private boolean matchesAt(byte[] separator, int at) {
        if (at < start || at + separator.length > end) {
            return false;
        }
        for (int j = 0; j < separator.length; j++) {
            if (buffer[at + j] != separator[j]) {
                return false;
            }
        }
        return true;
    }

    private void ensureRoom(int n) {
        if (end + n <= buffer.length) {
            return;
        }
        int unread = size();
        if (unread + n <= buffer.length) {
            System.arraycopy(buffer, start, buffer, 0, unread);
        } else {
            byte[] bigger = new byte[Math.max(unread + n, Math.max(buffer.length * 2, 4096))];
            System.arraycopy(buffer, start, bigger, 0, unread);
            buffer = bigger;
        }
        start = 0;
        end = unread;
    }

    @Override
    public String toString() {
        return "StreamReader[" + size() + " bytes" + (eof ? ", eof" : "") + (paused ? ", paused" : "")
                + (exception != null ? ", exception=" + exception : "") + "]";
    }
}
