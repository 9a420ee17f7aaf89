package dev.aioloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.CancelledError;
import dev.aioloop.Loop;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A plain Netty server whose handler awaits inside channelRead: the README's example. */
class AwaitInHandlerTest {
    /** The README's handler, plus notes for the test. */
    static final class DelayedEcho extends ChannelInboundHandlerAdapter {
        final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Asyncio.ensureFuture(() -> {
                Asyncio.sleep(0.02);
                notes.add("loop " + (Asyncio.getRunningLoop() == Loop.of(ctx.channel().eventLoop()))
                        + ", inEventLoop " + ctx.channel().eventLoop().inEventLoop());
                NettyFutures.await(ctx.writeAndFlush(msg));
            });
        }
    }

    @Test
    void aHandlerAwaitsInsideChannelReadOnTheChannelsOwnLoop() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        DelayedEcho handler = new DelayedEcho();
        try {
            Channel server = serve(group, handler);
            assertEquals("hello", echoOnce(server, "hello"));
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertEquals("loop true, inEventLoop true", handler.notes.peek());
    }

    /** A server on loopback, any free port, whose every connection gets the (sharable) {@code handler}. */
    static Channel serve(MultiThreadIoEventLoopGroup group, ChannelHandler handler) throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handler);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Sends {@code text} to {@code server} over a plain socket and reads as many bytes back. */
    static String echoOnce(Channel server, String text) throws IOException {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void shuttingTheGroupDownCancelsATaskWaitingOnAStream() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean finallyRan = new AtomicBoolean();
        CountDownLatch reading = new CountDownLatch(1);
        Loop loop = Loop.of(group.next());
        Asyncio.runCoroutineThreadsafe(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> { }, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            Connection conn = Streams.openConnection("127.0.0.1", port);
            reading.countDown();
            try {
                conn.reader().readline();
            } catch (CancelledError e) {
                cancelled.set(true);
                throw e;
            } finally {
                conn.writer().close();
                finallyRan.set(true);
            }
            return null;
        }, loop);
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        assertTrue(cancelled.get());
        assertTrue(finallyRan.get());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(loop::isClosed);
    }
}
