package dev.aioloop.netty;

import java.io.EOFException;

/**
 * The stream ended before a read could be satisfied: raised by {@link StreamReader#readexactly(int)}
 * and {@link StreamReader#readuntil(byte[])}, carrying the bytes read before the end (they are no
 * longer in the reader's buffer). An {@link EOFException}, as asyncio's is an {@code EOFError}.
 *
 * <pre>{@code
 * try {
 *     byte[] header = reader.readexactly(8);
 * } catch (IncompleteReadError e) {
 *     log("peer left after " + e.partial().length + " bytes");
 * }
 * }</pre>
 */
public final class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were expected, or -1 when the read was up to a separator
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(requirePartial(partial).length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    private static byte[] requirePartial(byte[] partial) {
        if (partial == null) {
            throw new IllegalArgumentException("IncompleteReadError(null, ...): pass the bytes read before the end (maybe none)");
        }
        return partial;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected, or -1 when the read was up to a separator. */
    public int expected() {
        return expected;
    }
}
