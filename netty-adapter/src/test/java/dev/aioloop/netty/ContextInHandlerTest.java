package dev.aioloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.Asyncio;
import dev.aioloop.ContextVar;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request id set in a handler's channelRead, on a hosted loop's thread, follows the tasks started there. */
class ContextInHandlerTest {
    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "none");

    /** Sets the request id from the bytes read, starts a task (and an eager one), and resets the id. */
    @ChannelHandler.Sharable
    static final class Tagging extends ChannelInboundHandlerAdapter {
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            String id = in.toString(StandardCharsets.US_ASCII);
            in.release();
            ContextVar.Token<String> token = REQUEST_ID.set(id);
            try {
                Loop loop = Loop.of(ctx.channel().eventLoop());
                Task<Void> eager = loop.createTask(() -> {
                    seen.add("eager " + REQUEST_ID.get());
                    Asyncio.sleep(0.01);
                    seen.add("eager after sleep " + REQUEST_ID.get());
                }, "eager-" + id, true);
                Asyncio.ensureFuture(() -> {
                    Asyncio.sleep(0.02);
                    Asyncio.await(eager);
                    seen.add("task " + REQUEST_ID.get());
                    NettyFutures.await(ctx.writeAndFlush(Unpooled.copiedBuffer(REQUEST_ID.get(), StandardCharsets.US_ASCII)));
                });
            } finally {
                REQUEST_ID.reset(token);
            }
            seen.add("handler after reset " + REQUEST_ID.get());
        }
    }

    @Test
    void tasksStartedInChannelReadSeeTheRequestIdSetThere() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Tagging handler = new Tagging();
        try {
            Channel server = AwaitInHandlerTest.serve(group, handler);
            assertEquals("r-1", AwaitInHandlerTest.echoOnce(server, "r-1"));
            assertEquals("r-2", AwaitInHandlerTest.echoOnce(server, "r-2"));
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertEquals(List.of("eager r-1", "handler after reset none", "eager after sleep r-1", "task r-1",
                "eager r-2", "handler after reset none", "eager after sleep r-2", "task r-2"), List.copyOf(handler.seen));
    }
}
