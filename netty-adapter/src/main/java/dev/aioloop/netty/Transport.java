package dev.aioloop.netty;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * The TCP and Unix domain socket channel classes that fit an event loop: Linux's native epoll ones on an epoll loop, NIO's
 * on a NIO loop. A standalone loop picks epoll where it loads and may load it, and a group's loops
 * are what the group was made with, so the transport follows the loop.
 */
final class Transport {
    private Transport() {
    }

    static Class<? extends SocketChannel> socket(EventLoop eventLoop) {
        return isEpoll(eventLoop) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerSocketChannel> serverSocket(EventLoop eventLoop) {
        return isEpoll(eventLoop) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends DuplexChannel> domainSocket(EventLoop eventLoop) {
        return isEpoll(eventLoop) ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    static Class<? extends ServerChannel> serverDomainSocket(EventLoop eventLoop) {
        return isEpoll(eventLoop) ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    /** The address of a domain socket in the spelling of the loop's transport: Netty's for epoll, the JDK's for NIO. */
    static SocketAddress domainAddress(EventLoop eventLoop, String path) {
        return isEpoll(eventLoop) ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
    }

    /** Whether channels of one event loop's transport can register on the other. */
    static boolean same(EventLoop one, EventLoop other) {
        return isEpoll(one) == isEpoll(other);
    }

    private static boolean isEpoll(EventLoop eventLoop) {
        // By the channels the loop takes rather than by its handler's class: a virtual-time loop wraps
        // its handler (to count registrations) and takes the same channels.
        if (eventLoop instanceof IoEventLoop io) {
            if (io.isCompatible(EpollIoHandle.class)) {
                return true;
            }
            if (io.isCompatible(NioIoHandle.class)) {
                return false;
            }
        }
        throw new IllegalArgumentException("Streams need a Netty event loop with an epoll or NIO I/O handler, not "
                + eventLoop + ": make the group with EpollIoHandler.newFactory() or NioIoHandler.newFactory()");
    }
}
