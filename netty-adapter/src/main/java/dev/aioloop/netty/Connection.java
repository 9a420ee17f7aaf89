package dev.aioloop.netty;

/**
 * The two sides of a connection opened by {@link Streams#openConnection}: asyncio's
 * {@code (reader, writer)} pair.
 *
 * <pre>{@code
 * Connection c = Streams.openConnection("127.0.0.1", 8888);
 * c.writer().write("ping\n".getBytes(US_ASCII));
 * byte[] answer = c.reader().readline();
 * }</pre>
 *
 * @param reader what the peer sends
 * @param writer what goes to the peer
 */
public record Connection(StreamReader reader, StreamWriter writer) {
}
