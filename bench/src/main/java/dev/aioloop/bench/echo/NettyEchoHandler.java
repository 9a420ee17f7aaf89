package dev.aioloop.bench.echo;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The raw Netty echo server's handler: each buffer read is written back as it is, and what a read
 * burst wrote is flushed once the burst ends. It is the floor for an echo on a Netty event loop, no
 * copy and no task in between.
 *
 * <pre>{@code
 * new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
 *         .childHandler(NettyEchoHandler.INSTANCE).bind(8888);
 * }</pre>
 */
@ChannelHandler.Sharable
final class NettyEchoHandler extends ChannelInboundHandlerAdapter {
    static final NettyEchoHandler INSTANCE = new NettyEchoHandler();

    private NettyEchoHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
