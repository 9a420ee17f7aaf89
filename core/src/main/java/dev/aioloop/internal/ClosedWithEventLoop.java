package dev.aioloop.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels that aioloop opened on event loops of a user's Netty group (streams, their servers
 * and connections, UDP endpoints), so that the hosted loop can close them when its event loop shuts
 * down. Netty 4.2 closes an event loop's channels only on a pass that sees the shutdown after its
 * I/O step; a shutdown with no quiet period that comes while the loop runs tasks ends the loop
 * without that pass, and leaves its sockets open: a server that still listens, clients that wait
 * for an end that never comes. A standalone loop's channels are not kept here: its own close ends
 * them. Internal, not API: shared by core and the Netty adapter.
 *
 * <p>Each event loop's set is touched on that event loop's thread only.
 */
public final class ClosedWithEventLoop {
    private static final ConcurrentHashMap<EventExecutor, Set<Channel>> OPEN = new ConcurrentHashMap<>();

    private ClosedWithEventLoop() {
    }

    /**
     * Keeps {@code channel} until it closes, from its event loop's thread; closes it at once if that
     * event loop is already shutting down.
     */
    public static void track(Channel channel) {
        if (!(channel.eventLoop() instanceof SingleThreadEventExecutor executor)) {
            return;
        }
        if (executor.isShuttingDown()) {
            channel.close();
            return;
        }
        Set<Channel> open = OPEN.computeIfAbsent(executor, e -> new HashSet<>());
        if (open.add(channel)) {
            channel.closeFuture().addListener(closed -> open.remove(channel));
        }
    }

    /** Closes the channels kept for {@code executor}, from its thread, as it shuts down. */
    public static void closeAll(EventExecutor executor) {
        Set<Channel> open = OPEN.get(executor);
        if (open != null && !open.isEmpty()) {
            // Each close takes its channel out of the set.
            for (Channel channel : List.copyOf(open)) {
                channel.close();
            }
        }
    }

    /** Forgets {@code executor}, once it has terminated. */
    public static void forget(EventExecutor executor) {
        OPEN.remove(executor);
    }
}
