package dev.aioloop.netty;

/**
 * What a {@link StreamServer} runs for each connection it accepts, in a task of its own: asyncio's
 * {@code client_connected_cb}. An exception it throws goes to the loop's exception handler and
 * closes the connection; returning leaves the connection as the callback left it.
 *
 * <pre>{@code
 * ClientConnected echo = (reader, writer) -> {
 *     for (byte[] line; (line = reader.readline()).length > 0; ) {
 *         writer.write(line);
 *         writer.drain();
 *     }
 *     writer.close();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ClientConnected {
    /**
     * Serves one connection.
     *
     * @param reader what the peer sends
     * @param writer what goes back to the peer
     * @throws Exception any failure, reported to the loop's exception handler
     */
    void connected(StreamReader reader, StreamWriter writer) throws Exception;
}
