package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.net.BindException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * asyncio's streams on Netty channels: {@link #openConnection} and {@link #startServer} over TCP,
 * {@link #openUnixConnection} and {@link #startUnixServer} over Unix domain sockets, to be called
 * from a task. They work the same on a standalone loop (the thread that runs the loop does
 * the I/O) and on a loop hosted on a Netty event loop ({@link Loop#of}); the transport (epoll or
 * NIO) follows the loop's event loop.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     StreamServer server = Streams.startServer((reader, writer) -> {
 *         for (byte[] line; (line = reader.readline()).length > 0; ) {
 *             writer.write(line);
 *             writer.drain();
 *         }
 *         writer.close();
 *     }, "127.0.0.1", 8888);
 *     server.serveForever();
 * });
 * }</pre>
 */
public final class Streams {
    /** asyncio's default buffer limit of a {@link StreamReader}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private Streams() {
    }

    /** {@link #openConnection(String, int, int)} with the default limit. */
    public static Connection openConnection(String host, int port) throws Exception {
        return openConnection(host, port, DEFAULT_LIMIT);
    }

    /**
     * Connects to {@code host:port} over TCP from the running loop and returns the connection's
     * reader and writer.
     *
     * @param limit the reader's buffer limit, in bytes
     * @throws java.net.ConnectException and the like, if the connection cannot be made
     * @throws IllegalStateException outside a task
     */
    public static Connection openConnection(String host, int port, int limit) throws Exception {
        return connect(host, port, limit, null);
    }

    /**
     * {@link #openConnection(String, int)} over TLS, asyncio's {@code ssl=}: the connection is
     * returned once the TLS handshake is done, so that the first read and write are already
     * encrypted. The context is a client one ({@code SslContextBuilder.forClient()}, with the trust
     * and the hostname verification it was built with); {@code host} is the name the server's
     * certificate is checked against.
     *
     * <pre>{@code
     * SslContext tls = SslContextBuilder.forClient().build();     // the JDK's trusted authorities
     * Connection c = Streams.openConnection("example.org", 443, tls);
     * }</pre>
     *
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails, naming the host and the
     *         cause (an untrusted certificate, no common protocol...)
     */
    public static Connection openConnection(String host, int port, SslContext sslContext) throws Exception {
        if (sslContext == null) {
            throw new IllegalArgumentException("openConnection(" + host + ", " + port + ", null): pass a client "
                    + "SslContext (SslContextBuilder.forClient().build()), or call openConnection(host, port) for plain TCP");
        }
        return connect(host, port, DEFAULT_LIMIT, sslContext);
    }

    private static Connection connect(String host, int port, int limit, SslContext sslContext) throws Exception {
        if (host == null) {
            throw new IllegalArgumentException("openConnection(null, ...): give the host to connect to, e.g. \"127.0.0.1\"");
        }
        EventLoop eventLoop = Asyncio.getRunningLoop().nettyEventLoop();
        return connect(Transport.socket(eventLoop), InetSocketAddress.createUnresolved(host, port), limit, sslContext);
    }

    /** {@link #openUnixConnection(String, int)} with the default limit. */
    public static Connection openUnixConnection(String path) throws Exception {
        return openUnixConnection(path, DEFAULT_LIMIT);
    }

    /**
     * Connects to the Unix domain socket at {@code path} from the running loop and returns the
     * connection's reader and writer: asyncio's {@code open_unix_connection}. Epoll's domain sockets
     * on an epoll loop, NIO's on a NIO one.
     *
     * @param limit the reader's buffer limit, in bytes
     * @throws java.io.IOException and the like, if nothing listens at {@code path}
     * @throws IllegalStateException outside a task
     */
    public static Connection openUnixConnection(String path, int limit) throws Exception {
        checkPath("openUnixConnection", path);
        EventLoop eventLoop = Asyncio.getRunningLoop().nettyEventLoop();
        return connect(Transport.domainSocket(eventLoop), Transport.domainAddress(eventLoop, path), limit, null);
    }

    /** Connects; {@code sslContext}, if not null, secures a TCP connection to {@code address}'s host. */
    private static Connection connect(Class<? extends Channel> channel, SocketAddress address, int limit,
            SslContext sslContext) throws Exception {
        Loop loop = Asyncio.getRunningLoop();
        StreamProtocol protocol = new StreamProtocol(loop, limit, null, null);
        ChannelFuture connect = new Bootstrap()
                .group(loop.nettyEventLoop())
                .channel(channel)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel child) {
                        if (sslContext != null && address instanceof InetSocketAddress peer) {
                            child.pipeline().addLast(sslContext.newHandler(child.alloc(), peer.getHostString(), peer.getPort()));
                        }
                        child.pipeline().addLast(protocol);
                    }
                })
                .connect(address);
        NettyFutures.await(connect);
        if (address instanceof InetSocketAddress peer) {
            protocol.writer().peerHost(peer.getHostString());
        }
        if (sslContext != null) {
            protocol.writer().handshake(connect.channel().pipeline().get(SslHandler.class), sslContext);
        }
        return new Connection(protocol.reader(), protocol.writer());
    }

    /** {@link #startServer(ClientConnected, String, int, int)} with the default limit. */
    public static StreamServer startServer(ClientConnected clientConnected, String host, int port) throws Exception {
        return startServer(clientConnected, host, port, DEFAULT_LIMIT);
    }

    /**
     * Listens on {@code host:port} from the running loop; each accepted connection runs
     * {@code clientConnected} in a new task of that loop.
     *
     * @param host the address to listen on; null for every interface
     * @param port the port; 0 for one the system picks (see {@link StreamServer#addresses()})
     * @param limit each reader's buffer limit, in bytes
     * @throws java.net.BindException and the like, if the address cannot be listened on
     * @throws IllegalStateException outside a task
     */
    public static StreamServer startServer(ClientConnected clientConnected, String host, int port, int limit)
            throws Exception {
        return startServer(clientConnected, host, port, limit, null);
    }

    /**
     * {@link #startServer(ClientConnected, String, int)} over TLS, asyncio's {@code ssl=}: each
     * connection's callback runs once its TLS handshake is done. A client whose handshake fails is
     * dropped, and the failure goes to the loop's exception handler ({@code TLS handshake failed
     * with /127.0.0.1:53412}), which logs it.
     *
     * <pre>{@code
     * SslContext tls = SslContextBuilder.forServer(privateKey, certificate).build();
     * StreamServer server = Streams.startServer(handler, "0.0.0.0", 8443, tls);
     * }</pre>
     *
     * @param sslContext a server context ({@code SslContextBuilder.forServer(...)})
     */
    public static StreamServer startServer(ClientConnected clientConnected, String host, int port, SslContext sslContext)
            throws Exception {
        if (sslContext == null) {
            throw new IllegalArgumentException("startServer(..., " + port + ", null): pass a server SslContext "
                    + "(SslContextBuilder.forServer(key, certificate).build()), or call startServer(handler, host, port) "
                    + "for plain TCP");
        }
        return listen(clientConnected, host, port, DEFAULT_LIMIT, null, sslContext);
    }

    /**
     * {@link #startServer(ClientConnected, String, int, int)} spreading the connections over
     * {@code workers}: Netty hands each connection to one of the workers' event loops, and its
     * callback runs as a task of the loop hosted there ({@link Loop#of}), so that a server uses as
     * many threads as the group has. The running loop accepts when the workers use its transport;
     * otherwise (NIO workers under a standalone loop on epoll, say) one of the workers accepts, since
     * a connection can only be served by an event loop of the transport that accepted it. Either way
     * the server object stays on the running loop, and any group of epoll or NIO workers will do.
     *
     * <pre>{@code
     * MultiThreadIoEventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
     * StreamServer server = Streams.startServer(handler, "0.0.0.0", 8888, Streams.DEFAULT_LIMIT, workers);
     * }</pre>
     *
     * @param workers the group whose event loops serve the connections; null for the running loop
     * @throws IllegalArgumentException if the workers' event loops are neither epoll nor NIO ones
     */
    public static StreamServer startServer(ClientConnected clientConnected, String host, int port, int limit,
            EventLoopGroup workers) throws Exception {
        return listen(clientConnected, host, port, limit, workers, null);
    }

    private static StreamServer listen(ClientConnected clientConnected, String host, int port, int limit,
            EventLoopGroup workers, SslContext sslContext) throws Exception {
        if (clientConnected == null) {
            throw new IllegalArgumentException("startServer(null, ...): pass what to run for each connection");
        }
        checkLimit(limit);
        Loop loop = Asyncio.getRunningLoop();
        EventLoop accepting = loop.nettyEventLoop();
        if (workers != null) {
            EventLoop worker = workers.next();
            if (!Transport.same(accepting, worker)) {
                // The listening channel makes the accepted ones, of its own transport: it listens on a
                // worker, so that they can register where they are served.
                accepting = worker;
            }
        }
        return listen(loop, accepting, workers, Transport.serverSocket(accepting),
                host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), limit, clientConnected,
                sslContext);
    }

    /** {@link #startUnixServer(ClientConnected, String, int)} with the default limit. */
    public static StreamServer startUnixServer(ClientConnected clientConnected, String path) throws Exception {
        return startUnixServer(clientConnected, path, DEFAULT_LIMIT);
    }

    /**
     * Listens on a Unix domain socket at {@code path} from the running loop; each accepted connection
     * runs {@code clientConnected} in a new task of that loop: asyncio's {@code start_unix_server}. As
     * asyncio does, a socket file left at {@code path} by an earlier server is removed first, and the
     * close removes the server's (Netty's domain server channels do).
     *
     * @param limit each reader's buffer limit, in bytes
     * @throws java.io.IOException and the like, if {@code path} cannot be listened on (a file that
     *         is no socket is there, or its directory is missing)
     * @throws IllegalStateException outside a task
     */
    public static StreamServer startUnixServer(ClientConnected clientConnected, String path, int limit)
            throws Exception {
        if (clientConnected == null) {
            throw new IllegalArgumentException("startUnixServer(null, ...): pass what to run for each connection");
        }
        checkPath("startUnixServer", path);
        checkLimit(limit);
        Loop loop = Asyncio.getRunningLoop();
        EventLoop eventLoop = loop.nettyEventLoop();
        removeStaleSocket(Path.of(path));
        return listen(loop, eventLoop, null, Transport.serverDomainSocket(eventLoop),
                Transport.domainAddress(eventLoop, path), limit, clientConnected, null);
    }

    private static StreamServer listen(Loop loop, EventLoop accepting, EventLoopGroup workers,
            Class<? extends ServerChannel> channel, SocketAddress address, int limit, ClientConnected clientConnected,
            SslContext sslContext) throws Exception {
        StreamServer server = new StreamServer(loop);
        ChannelFuture bind = new ServerBootstrap()
                .group(accepting, workers != null ? workers : accepting)
                .channel(channel)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel child) {
                        Loop connectionLoop = workers != null ? Loop.of(child.eventLoop()) : loop;
                        StreamProtocol protocol = new StreamProtocol(connectionLoop, limit, server, clientConnected);
                        if (sslContext != null) {
                            child.pipeline().addLast(sslContext.newHandler(child.alloc()));
                        }
                        child.pipeline().addLast(protocol);
                        protocol.writer().secured(sslContext);
                    }
                })
                .bind(address);
        server.listenOn(bind.channel());
        NettyFutures.await(bind);
        return server;
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit " + limit + ": the buffer limit must be a positive number of bytes");
        }
    }

    private static void checkPath(String method, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(method + "(" + (path == null ? "null" : "\"\"")
                    + ", ...): give the path of the socket file, e.g. \"/tmp/app.sock\"");
        }
    }

    /**
     * Removes a socket file at {@code path}, what a server that did not close leaves behind, and
     * refuses any other file: epoll's bind would remove that one too, NIO's would fail.
     */
    private static void removeStaleSocket(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        // Neither file, directory nor link: on Linux, what a path that bind() made is.
        if (!attributes.isOther()) {
            throw new BindException("startUnixServer(" + path + ", ...): a file that is no socket is there; "
                    + "give another path, or remove the file");
        }
        Files.deleteIfExists(path);
    }
}
