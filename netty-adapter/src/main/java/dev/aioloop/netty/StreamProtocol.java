package dev.aioloop.netty;

import dev.aioloop.ErrorContext;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.internal.ClosedWithEventLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * The channel handler under a reader and a writer: asyncio's {@code StreamReaderProtocol}. It copies
 * incoming bytes into the reader and releases each buffer at once, turns the peer's half-close into
 * the reader's end of stream, wakes writers waiting in drain when the channel becomes writable again,
 * and on the connection's loss fails or ends whatever waits. It is also the writer's
 * {@link Outlet}: what the writer sends goes out on its channel. Its events come on the channel's
 * event loop, which is the loop's thread.
 */
final class StreamProtocol extends ChannelInboundHandlerAdapter implements Outlet {
    private final Loop loop;
    private final StreamReader reader;
    private final Future<Void> closed;
    // Server side only: the server to tell, and what to run for each new connection.
    private final StreamServer server;
    private final ClientConnected clientConnected;
    private Channel channel;
    private StreamWriter writer;
    private final DrainWaiters drainWaiters;
    private Throwable error;
    private boolean lost;
    private boolean callbackStarted;
    private boolean callbackRunning;

    StreamProtocol(Loop loop, int limit, StreamServer server, ClientConnected clientConnected) {
        this.loop = loop;
        this.reader = new StreamReader(loop, limit);
        this.closed = loop.createFuture();
        this.drainWaiters = new DrainWaiters(loop);
        this.server = server;
        this.clientConnected = clientConnected;
    }

    StreamReader reader() {
        return reader;
    }

    Loop loop() {
        return loop;
    }

    StreamWriter writer() {
        return writer;
    }

    @Override
    public Future<Void> closed() {
        return closed;
    }

    @Override
    public boolean lost() {
        return lost;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        this.channel = channel;
        ClosedWithEventLoop.track(channel);
        // As a config setting rather than a bootstrap option: NIO's domain socket channel takes the
        // setting but not the option (Netty warns of an unknown one).
        if (channel.config() instanceof DuplexChannelConfig duplex) {
            duplex.setAllowHalfClosure(true);
        }
        reader.attach(on -> {
            if (channel.isActive()) {
                channel.config().setAutoRead(on);
            }
        });
        writer = new StreamWriter(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (server != null) {
            server.attach(this);
            // Over TLS the callback waits for the handshake, so that it never sees a half-secured connection.
            if (ctx.pipeline().get(SslHandler.class) == null) {
                startCallback();
            }
        }
        ctx.fireChannelActive();
    }

    private void startCallback() {
        callbackStarted = true;
        callbackRunning = true;
        Task<Void> task = loop.createTask(() -> {
            clientConnected.connected(reader, writer);
            return null;
        });
        task.addDoneCallback(t -> {
            if (!t.cancelled() && t.exception() != null) {
                loop.callExceptionHandler(new ErrorContext("Unhandled exception in client_connected_cb",
                        t.exception(), t, null));
                writer.close();
            }
            callbackRunning = false;
            if (lost) {
                server.detach(this);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            try {
                reader.feedData(data);
            } finally {
                data.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ChannelInputShutdownEvent.INSTANCE) {
            reader.feedEof();
        } else if (event instanceof SslHandshakeCompletionEvent handshake && server != null && !callbackStarted) {
            if (handshake.isSuccess()) {
                startCallback();
            } else {
                // The SslHandler closes the channel; the client is dropped without running the callback.
                loop.callExceptionHandler(new ErrorContext("TLS handshake failed with " + ctx.channel().remoteAddress(),
                        handshake.cause(), null, null));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Writes still queued when we close the channel ourselves fail so: no error of the connection.
        if (error == null && !(writer.isClosing() && cause instanceof ClosedChannelException)) {
            error = cause;
        }
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drainWaiters.wake(null);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        lost = true;
        Throwable e = error;
        if (e == null) {
            reader.feedEof();
            closed.setResult(null);
        } else {
            reader.setException(e);
            closed.setException(e);
            // Whoever awaits waitClosed() gets the error; nobody awaiting it is no reason to report it.
            closed.exception();
        }
        drainWaiters.wake(e != null ? e : new SocketException("Connection lost"));
        // The server counts the connection until its callback has returned too (waitClosed waits for both).
        if (server != null && !callbackRunning) {
            server.detach(this);
        }
        ctx.fireChannelInactive();
    }

    // ---- the writer's outlet ----

    @Override
    public void send(List<byte[]> parts, int total) {
        ByteBuf data = channel.alloc().buffer(total);
        for (byte[] part : parts) {
            data.writeBytes(part);
        }
        send(data);
    }

    @Override
    public void send(ByteBuf data) {
        // A failure comes back through the pipeline (exceptionCaught), where the connection records it.
        channel.writeAndFlush(data, channel.voidPromise());
    }

    @Override
    public Throwable failure() {
        return reader.exception();
    }

    @Override
    public boolean canWriteEof() {
        return channel instanceof DuplexChannel;
    }

    @Override
    public void writeEof() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(sent -> ((DuplexChannel) channel).shutdownOutput());
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public SocketAddress peerName() {
        return channel.remoteAddress();
    }

    @Override
    public SocketAddress sockName() {
        return channel.localAddress();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void drain() throws Exception {
        if (lost) {
            throw new SocketException("Connection lost");
        }
        drainWaiters.awaitWritable(channel);
    }
}
