package dev.aioloop.netty;

/**
 * A separator was looked for beyond the reader's buffer limit (64 KiB unless set otherwise):
 * raised by {@link StreamReader#readuntil(byte[])} and {@link StreamReader#readline()}.
 * {@link #consumed()} says how many bytes of the buffer to drop to get past the overrun; readuntil
 * leaves the buffer as it was, readline drops them itself.
 *
 * <pre>{@code
 * try {
 *     byte[] line = reader.readline();
 * } catch (LimitOverrunError e) {
 *     writer.write("line too long\n".getBytes(US_ASCII));
 * }
 * }</pre>
 */
public final class LimitOverrunError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /**
     * @param message what overran
     * @param consumed how many bytes of the buffer to drop to get past the overrun
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes of the buffer to drop to get past the overrun. */
    public int consumed() {
        return consumed;
    }
}
