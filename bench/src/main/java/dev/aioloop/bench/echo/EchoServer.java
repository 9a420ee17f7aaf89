package dev.aioloop.bench.echo;

import java.io.IOException;
import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Coroutine;
import dev.aioloop.Loop;
import dev.aioloop.netty.ClientConnected;
import dev.aioloop.netty.MessageStreams;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JVM echo servers the echo workload is run against, each on one thread, on 127.0.0.1:
 * {@code aioloop} (a streams server on a standalone loop, the thread running it doing the I/O),
 * {@code aioloop-hosted} (the same streams server on the loop hosted on a one-thread Netty group),
 * {@code aioloop-zero-copy} (the standalone server echoing the buffers it reads, uncopied),
 * {@code aioloop-messagestream} (a {@link MessageStreams} body echoing each line of a line-framed
 * Netty pipeline, on a one-thread group's hosted loop) and
 * {@code netty} (a raw Netty handler writing back what it reads, {@link NettyEchoHandler}). The
 * transport is Linux's native epoll where it loads, NIO otherwise, as aioloop's standalone loop picks.
 *
 * <p>As a program it prints {@code listening on PORT} and serves until its standard input ends, so
 * that it never outlives the process that started it:
 *
 * <pre>{@code
 * java -cp aioloop-bench.jar dev.aioloop.bench.echo.EchoServer aioloop [PORT]
 * listening on 40125
 * }</pre>
 */
public final class EchoServer {
    /** The servers, by the name the bench prints. */
    static final List<String> SYSTEMS = List.of("aioloop", "aioloop-hosted", "aioloop-zero-copy", "aioloop-messagestream", "netty");

    // What one read may take, as asyncio echo servers commonly do (and the Python one here does).
    private static final int READ_SIZE = 64 * 1024;
    // The client's messages are lines of their own size: echo-vm's go up to 100 KiB.
    private static final int LONGEST_LINE = 1024 * 1024;

    /** The aioloop server's handler: the streams echo, as asyncio code writes it. */
    static final ClientConnected ECHO = (reader, writer) -> {
        try {
            for (byte[] data; (data = reader.read(READ_SIZE)).length > 0; ) {
                writer.write(data);
                writer.drain();
            }
        } finally {
            writer.close();
        }
    };

    /**
     * The same echo without copying: the bytes read are handed to the writer as the socket delivered
     * them ({@code StreamReader.readBuffer}, {@code StreamWriter.write(ByteBuf)}).
     */
    static final ClientConnected ZERO_COPY_ECHO = (reader, writer) -> {
        try {
            for (ByteBuf data; (data = reader.readBuffer(READ_SIZE)).isReadable(); ) {
                writer.write(data);
                writer.drain();
            }
        } finally {
            writer.close();
        }
    };

    private EchoServer() {
    }

    /** A server running on its own thread: its port, and {@link #close()} to stop it. */
    record Running(int port, Stop stop) implements AutoCloseable {
        /**
         * Stops accepting, lets the open connections end, and ends the server's thread. Declares
         * IOException only: a close that may throw InterruptedException draws javac's try lint at
         * every try-with-resources.
         */
        @Override
        public void close() throws IOException {
            try {
                stop.run();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the server", e);
            } catch (Exception e) {
                throw new IOException("the server did not stop cleanly", e);
            }
        }
    }

    /** How a server is stopped. */
    interface Stop {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !SYSTEMS.contains(args[0])) {
            System.err.println("usage: EchoServer SYSTEM [PORT]   systems: " + String.join(" ", SYSTEMS));
            System.exit(2);
        }
        try (Running server = start(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 0)) {
            System.out.println("listening on " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Only the end of the input matters: the starter has gone or wants the server stopped.
            }
        }
    }

    /** Starts {@code system}'s echo server on 127.0.0.1:{@code port} (0: any free port). */
    static Running start(String system, int port) throws Exception {
        return switch (system) {
            case "aioloop" -> startStandalone(port, ECHO);
            case "aioloop-hosted" -> startHosted(port);
            case "aioloop-zero-copy" -> startStandalone(port, ZERO_COPY_ECHO);
            case "aioloop-messagestream" -> startNetty(port, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(new LineBasedFrameDecoder(LONGEST_LINE, false, false), LINES);
                }
            });
            case "netty" -> startNetty(port, NettyEchoHandler.INSTANCE);
            default -> throw new IllegalArgumentException("unknown echo server '" + system + "': choose one of " + SYSTEMS);
        };
    }

    private static Running startStandalone(int port, ClientConnected handler) throws Exception {
        CompletableFuture<StreamServer> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Asyncio.run(serve(port, started, handler));
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        }, "echo-server");
        thread.start();
        StreamServer server = started.get(30, TimeUnit.SECONDS);
        return new Running(portOf(server), () -> {
            server.loop().callSoonThreadsafe(server::close);
            thread.join();
        });
    }

    private static Running startHosted(int port) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, ioFactory());
        try {
            Loop loop = Loop.of(group.next());
            CompletableFuture<StreamServer> started = new CompletableFuture<>();
            CompletableFuture<Void> served = Asyncio.runCoroutineThreadsafe(serve(port, started, ECHO), loop);
            served.whenComplete((ok, e) -> started.completeExceptionally(e != null ? e : new IllegalStateException("not started")));
            StreamServer server = started.get(30, TimeUnit.SECONDS);
            return new Running(portOf(server), () -> {
                try {
                    loop.callSoonThreadsafe(server::close);
                    served.get(30, TimeUnit.SECONDS);
                } finally {
                    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
                }
            });
        } catch (Exception e) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The message-stream server's body: each line back as it came, in straight-line code. */
    private static final ChannelHandler LINES = MessageStreams.handler(ByteBuf.class, stream -> {
        for (ByteBuf line; (line = stream.receive()) != null; ) {
            stream.send(line);
        }
    });

    private static Running startNetty(int port, ChannelHandler childHandler) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, ioFactory());
        try {
            Class<? extends ServerChannel> channelClass =
                    Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
            Channel listening = new ServerBootstrap()
                    .group(group)
                    .channel(channelClass)
                    .childHandler(childHandler)
                    .bind("127.0.0.1", port).sync().channel();
            return new Running(((InetSocketAddress) listening.localAddress()).getPort(), () -> {
                try {
                    listening.close().sync();
                } finally {
                    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
                }
            });
        } catch (Exception e) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Coroutine<Void> serve(int port, CompletableFuture<StreamServer> started, ClientConnected handler) {
        return () -> {
            StreamServer server = Streams.startServer(handler, "127.0.0.1", port);
            started.complete(server);
            try {
                server.serveForever();
            } catch (CancelledError closed) {
                // close() ends serveForever() this way: the server has stopped, as asked.
            }
            return null;
        };
    }

    private static int portOf(StreamServer server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    private static IoHandlerFactory ioFactory() {
        return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }
}
