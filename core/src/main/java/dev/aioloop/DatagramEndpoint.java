package dev.aioloop;

import dev.aioloop.internal.ClosedWithEventLoop;
import dev.aioloop.internal.SingleWaiter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * A UDP socket of a loop, made by {@link Loop#createDatagramEndpoint}: asyncio's datagram
 * endpoint, with a suspending {@link #recvfrom()} where asyncio calls a protocol's
 * {@code datagram_received}. Linux's native epoll datagram channel on an epoll loop (a standalone
 * loop where epoll loads and native access is enabled), NIO's otherwise.
 *
 * <pre>{@code
 * DatagramEndpoint server = loop.createDatagramEndpoint("127.0.0.1", 9999, null, 0);
 * Datagram d = server.recvfrom();
 * server.sendto(d.data(), d.sender());
 * }</pre>
 *
 * <p>Datagrams that arrive while no task reads wait in the endpoint, up to {@value #MAX_QUEUED}; then
 * it stops reading from the socket until a read takes them, so that a flood fills the kernel's
 * buffer, which drops datagrams as UDP may, instead of memory. An error of the socket (the
 * "port unreachable" a connected endpoint gets after sending to a closed port, a send that failed)
 * is raised once, by the next {@code recvfrom}: asyncio's {@code error_received}.
 *
 * <p>Not thread-safe: use it on its loop's thread, one reading task at a time.
 */
public final class DatagramEndpoint {
    /** How many unread datagrams an endpoint holds before it stops reading from its socket. */
    public static final int MAX_QUEUED = 1024;

    private final Loop loop;
    private final InetSocketAddress remote;
    private final ArrayDeque<Datagram> received = new ArrayDeque<>();
    private Channel channel;
    private final SingleWaiter waiter = new SingleWaiter();
    private Throwable error;
    private boolean closed;
    private boolean paused;

    private DatagramEndpoint(Loop loop, InetSocketAddress remote) {
        this.loop = loop;
        this.remote = remote;
    }

    /** The body of {@link Loop#createDatagramEndpoint}. */
    static DatagramEndpoint open(Loop loop, String localHost, int localPort, String remoteHost, int remotePort)
            throws Exception {
        checkPort(localPort, localHost, localPort, remoteHost, remotePort);
        checkPort(remotePort, localHost, localPort, remoteHost, remotePort);
        if (remoteHost != null && remotePort == 0) {
            throw new IllegalArgumentException(call(localHost, localPort, remoteHost, remotePort)
                    + ": give the remote port to send to, from 1 to 65535");
        }
        InetSocketAddress local = localHost == null ? new InetSocketAddress(localPort)
                : resolved(new InetSocketAddress(localHost, localPort));
        InetSocketAddress remote = remoteHost == null ? null : resolved(new InetSocketAddress(remoteHost, remotePort));
        EventLoop eventLoop = loop.nettyEventLoop();
        DatagramEndpoint endpoint = new DatagramEndpoint(loop, remote);
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoop)
                .channel(isEpoll(eventLoop) ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(endpoint.new Inbound());
        ChannelFuture opened = remote == null ? bootstrap.bind(local) : bootstrap.connect(remote, local);
        endpoint.channel = opened.channel();
        ClosedWithEventLoop.track(endpoint.channel);
        Future<Void> done = loop.createFuture();
        opened.addListener(f -> {
            if (done.done()) {
                return;
            }
            if (f.isSuccess()) {
                done.setResult(null);
            } else {
                done.setException(f.cause());
            }
        });
        try {
            done.await();
        } catch (Throwable e) {
            // A failed bind or a cancelled task: no socket is left behind, and no outcome unretrieved.
            done.cancel();
            endpoint.channel.close();
            throw e;
        }
        return endpoint;
    }

    private static void checkPort(int port, String localHost, int localPort, String remoteHost, int remotePort) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(call(localHost, localPort, remoteHost, remotePort) + ": port " + port
                    + " is out of range; give one from 0 to 65535 (0 locally: any free one)");
        }
    }

    private static String call(String localHost, int localPort, String remoteHost, int remotePort) {
        return "createDatagramEndpoint(" + localHost + ", " + localPort + ", " + remoteHost + ", " + remotePort + ")";
    }

    private static InetSocketAddress resolved(InetSocketAddress address) throws UnknownHostException {
        if (address.isUnresolved()) {
            throw new UnknownHostException("createDatagramEndpoint: unknown host " + address.getHostString()
                    + "; give a name this machine resolves, or an address such as 127.0.0.1");
        }
        return address;
    }

    private static boolean isEpoll(EventLoop eventLoop) {
        return eventLoop instanceof IoEventLoop io && io.isCompatible(EpollIoHandle.class);
    }

    /**
     * Waits for the next datagram and returns it with its sender: asyncio's {@code sock_recvfrom} on
     * the endpoint's socket.
     *
     * @throws java.net.PortUnreachableException and the like: an error the socket got since the last read
     * @throws ClosedChannelException once the endpoint is closed
     * @throws IllegalStateException if another task is already waiting on this endpoint, or from
     *         another thread while the loop runs
     */
    public Datagram recvfrom() throws Exception {
        loop.checkThread("DatagramEndpoint.recvfrom()");
        while (received.isEmpty()) {
            throwIfFailed();
            waiter.await(loop, "recvfrom() called while another task is already waiting for a datagram: "
                    + "read an endpoint from one task at a time");
        }
        Datagram next = received.poll();
        if (paused && received.size() <= MAX_QUEUED / 2) {
            paused = false;
            channel.config().setAutoRead(true);
        }
        return next;
    }

    private void throwIfFailed() throws Exception {
        Throwable e = error;
        if (e != null) {
            error = null;
            throw e instanceof Exception checked ? checked : new IllegalStateException(e);
        }
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /**
     * Sends {@code data} (copied: the array may be reused at once) as one datagram to
     * {@code address}; never waits. An endpoint made with a remote address sends there: give null,
     * or that address. An empty array sends nothing: Netty's datagram channels skip empty writes,
     * where asyncio would send an empty datagram.
     *
     * @throws IllegalArgumentException if the address is missing, or not the remote one of a
     *         connected endpoint
     * @throws IllegalStateException once the endpoint is closed, or from another thread while the loop runs
     */
    public void sendto(byte[] data, SocketAddress address) {
        loop.checkThread("DatagramEndpoint.sendto()");
        if (data == null) {
            throw new IllegalArgumentException("sendto(null, ...): pass the bytes to send");
        }
        if (remote != null && address != null && !remote.equals(address)) {
            throw new IllegalArgumentException("sendto(..., " + address + "): this endpoint is connected to " + remote
                    + "; give null or that address");
        }
        InetSocketAddress to = remote;
        if (to == null) {
            if (!(address instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new IllegalArgumentException("sendto(..., " + address + "): give the address to send to, "
                        + "e.g. new InetSocketAddress(\"127.0.0.1\", 9999), or make the endpoint with a remote address");
            }
            to = inet;
        }
        if (closed) {
            throw new IllegalStateException("sendto() after close(): make a new endpoint");
        }
        if (data.length == 0) {
            return;
        }
        ByteBuf copy = channel.alloc().buffer(data.length).writeBytes(data);
        // A failure comes back through exceptionCaught, and from there out of the next recvfrom.
        channel.writeAndFlush(remote != null ? copy : new DatagramPacket(copy, to), channel.voidPromise());
    }

    /**
     * Closes the socket; a task waiting in {@link #recvfrom()} gets a {@link ClosedChannelException}. Idempotent.
     *
     * @throws IllegalStateException from another thread while the loop runs: the endpoint's state is the loop's
     */
    public void close() {
        loop.checkThread("DatagramEndpoint.close()");
        if (!closed) {
            closed = true;
            received.clear();
            channel.close();
            waiter.wake(new ClosedChannelException());
        }
    }

    /** Whether {@link #close()} was called or the socket is closed. */
    public boolean isClosing() {
        return closed;
    }

    /** The address the endpoint is bound to. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The address a connected endpoint sends to; null for one that sends where {@link #sendto} says. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The Netty channel under the endpoint. */
    public DatagramChannel channel() {
        return (DatagramChannel) channel;
    }

    @Override
    public String toString() {
        return "DatagramEndpoint[" + (closed ? "closed" : channel.localAddress())
                + (remote != null ? " -> " + remote : "") + ", " + received.size() + " unread]";
    }

    /** The channel's events, on the loop's thread: the channel is registered on the loop's event loop. */
    private final class Inbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof DatagramPacket packet && !closed) {
                    received.add(new Datagram(ByteBufUtil.getBytes(packet.content()), packet.sender()));
                    if (!paused && received.size() >= MAX_QUEUED) {
                        paused = true;
                        ctx.channel().config().setAutoRead(false);
                    }
                    waiter.wake(null);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            error = cause;
            waiter.wake(null);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed = true;
            waiter.wake(null);
            ctx.fireChannelInactive();
        }
    }
}
