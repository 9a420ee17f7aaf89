package dev.aioloop.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;

/**
 * A connection's protocol as one coroutine over the messages a Netty pipeline already decodes: the
 * handler {@link #handler} makes goes at the end of the pipeline and runs, for each channel, one
 * task of the loop hosted on the channel's event loop ({@link dev.aioloop.Loop#of}), which receives
 * the channel's messages in order and answers them. The task runs on the channel's event-loop thread
 * ({@code inEventLoop()} is true), so its writes take Netty's direct path.
 *
 * <pre>{@code
 * new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
 *     .childHandler(new ChannelInitializer<Channel>() {
 *         protected void initChannel(Channel ch) {
 *             ch.pipeline().addLast(new LineBasedFrameDecoder(1024), new StringDecoder(UTF_8),
 *                     new StringEncoder(UTF_8),
 *                     MessageStreams.handler(String.class, stream -> {
 *                         for (String line; (line = stream.receive()) != null; ) {
 *                             stream.send(line.toUpperCase() + "\n");
 *                         }
 *                     }));
 *         }
 *     });
 * }</pre>
 *
 * <p>Backpressure: at most {@code maxBuffered} messages wait for the body; past that the channel
 * stops reading (Netty's {@code autoRead}) until the body has received half of them, so that a
 * peer sending faster than the body receives is held back by TCP. A Netty
 * {@link io.netty.handler.flow.FlowControlHandler}, put before the handler, holds what the decoders
 * still make of the read under way at that moment.
 *
 * <p>The body ends the connection: when it returns, the channel is closed once what it wrote is sent;
 * when it throws, the channel is closed and the failure goes to the loop's exception handler.
 */
public final class MessageStreams {
    /** How many received messages may wait for the body by default. */
    public static final int DEFAULT_MAX_BUFFERED = 16;

    private MessageStreams() {
    }

    /**
     * A connection's protocol: runs once per channel, in a task of the channel's loop.
     *
     * @param <I> the type of the inbound messages it receives
     */
    @FunctionalInterface
    public interface Body<I> {
        /**
         * Serves one channel.
         *
         * @param stream the channel's messages and its way back
         * @throws Exception any failure: the channel is closed and the failure reported to the loop's
         *         exception handler
         */
        void run(MessageStream<I> stream) throws Exception;
    }

    /** {@link #handler(Class, int, Body)} with {@link #DEFAULT_MAX_BUFFERED}. */
    public static <I> ChannelHandler handler(Class<I> type, Body<I> body) {
        return handler(type, DEFAULT_MAX_BUFFERED, body);
    }

    /**
     * A handler for the end of a pipeline that runs {@code body} once for each channel it is added
     * to, over the channel's inbound messages of type {@code type} (others go on down the pipeline).
     * It may be shared by many channels: added to one, it puts a handler of that channel's own in
     * its place.
     *
     * @param type the class of the messages the body receives, e.g. {@code String.class} after a
     *        {@code StringDecoder}
     * @param maxBuffered how many received messages may wait for the body before the channel stops
     *        reading; at least 1
     * @param body the connection's protocol
     */
    public static <I> ChannelHandler handler(Class<I> type, int maxBuffered, Body<I> body) {
        if (type == null) {
            throw new IllegalArgumentException("handler(null, ...): pass the class of the messages the body receives, "
                    + "e.g. String.class after a StringDecoder");
        }
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("handler(" + type.getSimpleName() + ", " + maxBuffered
                    + ", ...): pass a maxBuffered of at least 1");
        }
        if (body == null) {
            throw new IllegalArgumentException("handler(" + type.getSimpleName() + ", ...): pass the body to run for "
                    + "each channel");
        }
        return new Installer<>(type, maxBuffered, body);
    }

    /** What the user adds, to any number of pipelines: each gets a handler of its own in its place. */
    @ChannelHandler.Sharable
    private static final class Installer<I> extends ChannelHandlerAdapter {
        private final Class<I> type;
        private final int maxBuffered;
        private final Body<I> body;

        Installer(Class<I> type, int maxBuffered, Body<I> body) {
            this.type = type;
            this.maxBuffered = maxBuffered;
            this.body = body;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().replace(ctx.name(), ctx.name(), new MessageStreamHandler<>(type, maxBuffered, body));
        }
    }
}
