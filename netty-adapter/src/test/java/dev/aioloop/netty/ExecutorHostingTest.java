package dev.aioloop.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Loops hosted on plain single-threaded Netty executors: a {@code DefaultEventExecutorGroup}'s, as
 * a handler added with {@code pipeline.addLast(executorGroup, handler)} runs on one; and the error of
 * a thread whose executor can host none.
 */
class ExecutorHostingTest {
    private final DefaultEventExecutorGroup executors = new DefaultEventExecutorGroup(2);

    @AfterEach
    void stopExecutors() {
        executors.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aDefaultEventExecutorHostsALoopThatRunsTasksTimersAndAwaitsOnItsThread() throws Exception {
        EventExecutor executor = executors.next();
        Loop loop = Loop.of(executor);

        assertSame(loop, executor.submit(Asyncio::getEventLoop).get(10, TimeUnit.SECONDS));
        String ranOn = Asyncio.runCoroutineThreadsafe(() -> {
            Asyncio.sleep(0.01);
            Asyncio.await(Asyncio.getRunningLoop().runInExecutor(null, () -> "from another thread"));
            return Thread.currentThread().getName() + " " + executor.inEventLoop();
        }, loop).get(10, TimeUnit.SECONDS);

        assertTrue(ranOn.endsWith(" true"), ranOn);
        assertSame(executor, loop.nettyExecutor());
        IllegalStateException noIo = assertThrows(IllegalStateException.class, loop::nettyEventLoop);
        assertTrue(noIo.getMessage().contains("which does no I/O"), noIo.getMessage());
    }

    @Test
    @SuppressWarnings("deprecation") // Netty 4.2 deprecates addLast(group, handler); the habit is what this tries
    void aHandlerOnAnExecutorGroupAwaitsInsideChannelReadOnItsExecutorsLoop() throws Exception {
        MultiThreadIoEventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
        ChannelInboundHandlerAdapter delayedEcho = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                Asyncio.ensureFuture(() -> {
                    Asyncio.sleep(0.02);
                    notes.add("loop " + (Asyncio.getRunningLoop() == Loop.of(ctx.executor()))
                            + ", on the executor " + ctx.executor().inEventLoop()
                            + ", on the channel's event loop " + ctx.channel().eventLoop().inEventLoop());
                    NettyFutures.await(ctx.writeAndFlush(msg));
                });
            }

            @Override
            public boolean isSharable() {
                return true;
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                notes.add("removed");
            }
        };
        try {
            Channel server = new ServerBootstrap()
                    .group(io)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(executors, delayedEcho);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            assertEquals("hello", AwaitInHandlerTest.echoOnce(server, "hello"));
            server.close().sync();
            // The connection's teardown hops between the executor and the event loop: shutting the event
            // loop down before it ends would leave Netty unable to deliver its last event, and logging so.
            await().atMost(Duration.ofSeconds(10)).until(() -> notes.contains("removed"));
        } finally {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertEquals("loop true, on the executor true, on the channel's event loop false", notes.peek());
    }

    @Test
    void shuttingTheExecutorGroupDownClosesItsLoops() {
        Loop loop = Loop.of(executors.next());
        assertTrue(loop.isRunning());

        executors.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();

        await().atMost(Duration.ofSeconds(10)).until(loop::isClosed);
    }

    @Test
    void onAThreadOfAnExecutorThatCannotHostALoopTheErrorNamesItAndWhatToDo() throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> GlobalEventExecutor.INSTANCE.submit(Asyncio::getEventLoop).get(10, TimeUnit.SECONDS));

        IllegalStateException e = assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(e.getMessage().contains("serves Netty executor " + GlobalEventExecutor.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("DefaultEventExecutorGroup"), e.getMessage());
        assertTrue(e.getMessage().contains("Asyncio.runCoroutineThreadsafe(coroutine, Loop.of(channel.eventLoop()))"),
                e.getMessage());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Loop.of(GlobalEventExecutor.INSTANCE));
        assertTrue(refused.getMessage().contains("any SingleThreadEventExecutor"), refused.getMessage());
    }
}
