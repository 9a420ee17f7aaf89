package dev.aioloop.netty;

import dev.aioloop.Future;
import dev.aioloop.Loop;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketException;
import java.util.ArrayDeque;

/**
 * One channel's decoded inbound messages, as the body given to {@link MessageStreams#handler} sees
 * them: {@link #receive()} the next one, {@link #send(Object)} an answer, in straight-line code on
 * the channel's own event-loop thread. The messages are what the pipeline's decoders before the
 * handler produce (a {@code String} per line, a {@code FullHttpRequest}...), in their order.
 *
 * <pre>{@code
 * MessageStreams.handler(String.class, stream -> {
 *     int n = 0;                                     // per-connection state: a local variable
 *     for (String line; (line = stream.receive()) != null; ) {
 *         stream.send(++n + ": " + line + "\n");
 *     }
 * });
 * }</pre>
 *
 * <p>A reference-counted message {@link #receive()} returns belongs to the body, which releases it
 * (or passes it on, to {@link #send(Object)} say), as a {@code channelRead} would. What was received
 * by the channel but not yet by the body is released by the stream when the body ends or calls
 * {@link #close()}.
 *
 * <p>Not thread-safe: use it from tasks of the channel's loop, one receiving task at a time.
 *
 * @param <I> the type of the inbound messages handed to the body; others go on down the pipeline
 */
public final class MessageStream<I> {
    private final Class<I> type;
    private final int maxBuffered;
    private final ChannelHandlerContext ctx;
    private final Loop loop;
    private final ArrayDeque<I> buffer = new ArrayDeque<>();
    private final DrainWaiters drainWaiters;
    private Future<Void> receiver;
    private boolean paused;
    private boolean inputEnded;
    private boolean lost;
    // Set when the body ends or closes the stream: nothing more is buffered for it.
    private boolean discarding;
    private Throwable error;

    MessageStream(Class<I> type, int maxBuffered, ChannelHandlerContext ctx, Loop loop) {
        this.type = type;
        this.maxBuffered = maxBuffered;
        this.ctx = ctx;
        this.loop = loop;
        this.drainWaiters = new DrainWaiters(loop);
    }

    /**
     * Waits for the next inbound message of the stream's type and returns it; null at the end of the
     * input (the peer shut its side, the channel closed, or the body called {@link #close()}). The
     * messages received by the channel before its end are all returned first.
     *
     * @throws Exception the error the channel was lost with (a reset, a decoder's failure), once the
     *         messages received before it are returned
     * @throws IllegalStateException if another task is already waiting in receive()
     */
    public I receive() throws Exception {
        while (true) {
            I message = buffer.poll();
            if (message != null) {
                if (paused && buffer.size() <= maxBuffered / 2) {
                    // Reading again may deliver messages right here, into the buffer just made room in.
                    paused = false;
                    ctx.channel().config().setAutoRead(true);
                }
                return message;
            }
            if (error != null) {
                throw error instanceof Exception e ? e : new IllegalStateException(error);
            }
            if (inputEnded || discarding) {
                return null;
            }
            if (receiver != null) {
                throw new IllegalStateException("receive() is already awaited by another task: one task receives "
                        + "from a MessageStream at a time");
            }
            Future<Void> waiter = loop.createFuture();
            receiver = waiter;
            try {
                waiter.await();
            } finally {
                receiver = null;
            }
        }
    }

    /** Writes {@code message}, flushes, then {@link #drain()}s. */
    public void send(Object message) throws Exception {
        write(message);
        flush();
        drain();
    }

    /**
     * Writes {@code message} down the pipeline without flushing, for batching; the encoders before
     * the handler turn it into bytes. A write to a closing or lost channel is released and dropped:
     * {@link #drain()} reports the loss.
     */
    public void write(Object message) {
        if (message == null) {
            throw new IllegalArgumentException("write(null): pass the message to send, of a type the pipeline's "
                    + "encoders take");
        }
        if (lost || discarding) {
            ReferenceCountUtil.release(message);
            return;
        }
        // A failed write comes back as exceptionCaught, where the stream records the error.
        ctx.write(message, ctx.voidPromise());
    }

    /** Flushes what was written. */
    public void flush() {
        ctx.flush();
    }

    /**
     * Waits while the channel is not writable (above its high-water mark), so that a body that
     * outruns a slow peer is held back; returns at once if it is writable.
     *
     * @throws Exception the error the channel was lost with, or a {@link SocketException}
     *         ("Connection lost") if it closed without one
     */
    public void drain() throws Exception {
        if (lost) {
            throw lostError();
        }
        drainWaiters.awaitWritable(ctx.channel());
    }

    /**
     * Closes the channel once what was written is sent; messages received and not yet returned by
     * {@link #receive()} are released, and receive() returns null from now on. Idempotent.
     */
    public void close() {
        if (!discarding) {
            discard();
            wakeReceiver();
        }
        if (ctx.channel().isOpen()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The Netty channel, for everything else. */
    public Channel channel() {
        return ctx.channel();
    }

    // ---- the handler's side, on the loop's thread ----

    void messageReceived(Object message) {
        if (discarding) {
            ReferenceCountUtil.release(message);
            return;
        }
        buffer.add(type.cast(message));
        wakeReceiver();
        if (!paused && buffer.size() >= maxBuffered) {
            // The FlowControlHandler before the handler holds what the decoders still make of the
            // last read, and the channel reads no more until the body catches up.
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    void inputEnded() {
        inputEnded = true;
        wakeReceiver();
    }

    void failed(Throwable cause) {
        if (error == null && !lost) {
            error = cause;
        }
        ctx.close();
    }

    void writable() {
        drainWaiters.wake(null);
    }

    void channelLost() {
        lost = true;
        inputEnded = true;
        wakeReceiver();
        drainWaiters.wake(lostError());
    }

    /** How many messages are buffered for the body: for tests. */
    int buffered() {
        return buffer.size();
    }

    private void discard() {
        discarding = true;
        for (I message; (message = buffer.poll()) != null; ) {
            ReferenceCountUtil.release(message);
        }
    }

    private Exception lostError() {
        return error instanceof Exception e ? e : new SocketException("Connection lost");
    }

    private void wakeReceiver() {
        Future<Void> waiter = receiver;
        if (waiter != null && !waiter.done()) {
            waiter.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "MessageStream[" + ctx.channel() + ", " + buffer.size() + " buffered" + (lost ? ", lost" : "") + "]";
    }
}
