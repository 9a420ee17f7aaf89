/**
 * aioloop on a user's Netty event loops: loops hosted on them, Netty futures as awaitables, and
 * asyncio's streams over Netty channels.
 */
module dev.aioloop.netty {
    requires transitive dev.aioloop.core;
    requires transitive io.netty.buffer;
    requires io.netty.transport.classes.epoll;
    // DomainSocketAddress, the address of epoll's Unix domain sockets.
    requires io.netty.transport.unix.common;
    requires transitive io.netty.handler;

    exports dev.aioloop.netty;

    provides dev.aioloop.spi.Hosting with dev.aioloop.netty.internal.NettyHosting;
}
