package dev.aioloop.netty;

import dev.aioloop.ErrorContext;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.flow.FlowControlHandler;

/**
 * One channel's handler under a {@link MessageStream}: feeds it the channel's messages of its type
 * and the channel's end, and runs the body in a task of the loop hosted on the handler's executor
 * (the channel's event loop, unless the handler was added with an executor group of its own).
 */
final class MessageStreamHandler<I> extends ChannelInboundHandlerAdapter {
    private final Class<I> type;
    private final int maxBuffered;
    private final MessageStreams.Body<I> body;
    private MessageStream<I> stream;
    private boolean started;

    MessageStreamHandler(Class<I> type, int maxBuffered, MessageStreams.Body<I> body) {
        this.type = type;
        this.maxBuffered = maxBuffered;
        this.body = body;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), null, new FlowControlHandler());
        Loop loop = Loop.of(ctx.executor());
        stream = new MessageStream<>(type, maxBuffered, ctx, loop);
        // An accepted channel is active already; one added later to a connecting channel is not yet.
        if (ctx.channel().isActive()) {
            start(loop);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(Loop.of(ctx.executor()));
        ctx.fireChannelActive();
    }

    private void start(Loop loop) {
        if (started) {
            return;
        }
        started = true;
        MessageStream<I> s = stream;
        Task<Void> task = loop.createTask(() -> body.run(s), "MessageStream " + s.channel().id().asShortText());
        task.addDoneCallback(t -> {
            if (!t.cancelled() && t.exception() != null) {
                loop.callExceptionHandler(new ErrorContext("Unhandled exception in a MessageStream body, closing "
                        + s.channel(), t.exception(), t, null));
            }
            s.close();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (type.isInstance(msg)) {
            stream.messageReceived(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ChannelInputShutdownEvent.INSTANCE) {
            stream.inputEnded();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stream.failed(cause);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            stream.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stream.channelLost();
        ctx.fireChannelInactive();
    }
}
