package dev.aioloop;

import java.net.InetSocketAddress;

/**
 * One datagram received by {@link DatagramEndpoint#recvfrom()}: asyncio's {@code (data, addr)} pair.
 * The array is the endpoint's copy, the caller's to keep; as with any record of an array, two
 * datagrams are equal only if they share it.
 *
 * @param data the datagram's bytes
 * @param sender where it came from
 */
public record Datagram(byte[] data, InetSocketAddress sender) {
}
