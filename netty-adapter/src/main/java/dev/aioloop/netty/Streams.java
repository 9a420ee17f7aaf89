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
        if (host == null) {
            throw new IllegalArgumentException("openConnection(null, ...): give the host to connect to, e.g. \"127.0.0.1\"");
        }
        EventLoop eventLoop = Asyncio.getRunningLoop().nettyEventLoop();
        return connect(Transport.socket(eventLoop), InetSocketAddress.createUnresolved(host, port), limit);
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
        return connect(Transport.domainSocket(eventLoop), Transport.domainAddress(eventLoop, path), limit);
    }

    private static Connection connect(Class<? extends Channel> channel, SocketAddress address, int limit)
            throws Exception {
        Loop loop = Asyncio.getRunningLoop();
        StreamProtocol protocol = new StreamProtocol(loop, limit, null, null);
        ChannelFuture connect = new Bootstrap()
                .group(loop.nettyEventLoop())
                .channel(channel)
                .handler(protocol)
                .connect(address);
        NettyFutures.await(connect);
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
                host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), limit, clientConnected);
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
                Transport.domainAddress(eventLoop, path), limit, clientConnected);
    }

    private static StreamServer listen(Loop loop, EventLoop accepting, EventLoopGroup workers,
            Class<? extends ServerChannel> channel, SocketAddress address, int limit, ClientConnected clientConnected)
            throws Exception {
        StreamServer server = new StreamServer(loop);
        ChannelFuture bind = new ServerBootstrap()
                .group(accepting, workers != null ? workers : accepting)
                .channel(channel)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel child) {
                        Loop connectionLoop = workers != null ? Loop.of(child.eventLoop()) : loop;
                        child.pipeline().addLast(new StreamProtocol(connectionLoop, limit, server, clientConnected));
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
