package dev.aioloop.netty;

import dev.aioloop.CancelledError;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.internal.ClosedWithEventLoop;
import dev.aioloop.internal.Handoff;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A listening socket made by {@link Streams#startServer}: asyncio's {@code Server}. Each accepted
 * connection runs the server's {@link ClientConnected} callback in a task of its own, on the
 * server's loop or, for a server given a worker group, on the loop of the worker event loop Netty
 * assigned the connection to.
 *
 * <p>{@link #close()} stops accepting; connections already open go on until they end, and
 * {@link #waitClosed()} waits for that too, as asyncio's does.
 *
 * <pre>{@code
 * StreamServer server = Streams.startServer(handler, "127.0.0.1", 8888);
 * System.out.println("serving on " + server.addresses());
 * server.serveForever();
 * }</pre>
 *
 * <p>Not thread-safe: use it on its loop's thread (the one that started it).
 */
public final class StreamServer {
    private final Loop loop;
    private Channel listening;
    private final Set<StreamProtocol> connections = new HashSet<>();
    private final List<Future<Void>> closeWaiters = new ArrayList<>();
    private Future<Void> servingForever;

    StreamServer(Loop loop) {
        this.loop = loop;
    }

    void listenOn(Channel channel) {
        listening = channel;
        ClosedWithEventLoop.track(channel);
        // On the listening channel's event loop: a worker's, when the server accepts on one.
        channel.closeFuture().addListener(closedNow -> onServerLoop(this::wakeClosersIfDone));
    }

    // Connections served by a worker group's loops report from their own threads: the server's
    // bookkeeping stays on its loop.
    void attach(StreamProtocol connection) {
        onServerLoop(() -> connections.add(connection));
    }

    void detach(StreamProtocol connection) {
        onServerLoop(() -> {
            connections.remove(connection);
            wakeClosersIfDone();
        });
    }

    private void onServerLoop(Runnable action) {
        onLoop(loop, action);
    }

    /** Runs {@code action} on {@code loop}'s thread: here and now if this is it. */
    static void onLoop(Loop loop, Runnable action) {
        if (loop.nettyExecutor().inEventLoop()) {
            action.run();
        } else {
            Handoff.toLoop(loop::callSoonThreadsafe, action);
        }
    }

    /** The loop the server belongs to: the one that started it. */
    public Loop loop() {
        return loop;
    }

    /** The addresses the server listens on; empty once closed. */
    public List<SocketAddress> addresses() {
        return listening.isOpen() ? List.of(listening.localAddress()) : List.of();
    }

    /** Whether the server accepts connections. */
    public boolean isServing() {
        return listening.isActive();
    }

    /** How many accepted connections are still open, or still served by a callback that has not returned. */
    public int activeConnections() {
        return connections.size();
    }

    /**
     * Stops accepting connections (those open go on) and ends a {@link #serveForever()} under way.
     * Idempotent.
     */
    public void close() {
        listening.close();
        Future<Void> forever = servingForever;
        if (forever != null && !forever.done()) {
            forever.cancel();
        }
    }

    /**
     * Closes every connection the server accepted, each once what was written to it is sent (asyncio
     * 3.13's {@code close_clients}): a callback waiting in a read sees the end of the stream. With
     * {@link #close()} and {@link #waitClosed()}, a graceful shutdown:
     *
     * <pre>{@code
     * server.close();           // no new connections
     * server.closeClients();    // the open ones end; their callbacks see the end of the stream
     * server.waitClosed();      // every callback has returned
     * }</pre>
     */
    public void closeClients() {
        for (StreamProtocol connection : List.copyOf(connections)) {
            onLoop(connection.loop(), () -> connection.writer().close());
        }
    }

    /**
     * Closes every connection the server accepted at once, dropping what was written and not yet sent
     * (asyncio 3.13's {@code abort_clients}).
     */
    public void abortClients() {
        for (StreamProtocol connection : List.copyOf(connections)) {
            onLoop(connection.loop(), () -> connection.writer().abort());
        }
    }

    /**
     * Waits until the server is closed and every connection it accepted has ended: its channel closed
     * and its callback returned.
     */
    public void waitClosed() throws Exception {
        if (isDone()) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        closeWaiters.add(waiter);
        try {
            waiter.await();
        } finally {
            closeWaiters.remove(waiter);
        }
    }

    /**
     * Serves until the task is cancelled or the server closed; then closes the server, waits for it
     * to be closed, and raises {@link CancelledError}.
     *
     * @throws IllegalStateException if the server is closed or another task already serves forever
     */
    public void serveForever() throws Exception {
        if (servingForever != null) {
            throw new IllegalStateException("The server is already being awaited on serveForever() by another task");
        }
        if (!listening.isOpen()) {
            throw new IllegalStateException("The server is closed: start a new one");
        }
        Future<Void> forever = loop.createFuture();
        servingForever = forever;
        try {
            forever.await();
        } catch (CancelledError e) {
            // Cancelling serveForever closes the server, and the cancellation still propagates,
            // whatever the closing itself raises.
            try {
                close();
                waitClosed();
            } catch (Throwable closing) {
                e.addSuppressed(closing);
            }
            throw e;
        } finally {
            servingForever = null;
        }
    }

    private boolean isDone() {
        return !listening.isOpen() && connections.isEmpty();
    }

    private void wakeClosersIfDone() {
        if (!isDone()) {
            return;
        }
        for (Future<Void> w : List.copyOf(closeWaiters)) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        return "StreamServer[" + (listening.isOpen() ? listening.localAddress() : "closed") + ", "
                + connections.size() + " connection(s)]";
    }
}
