package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import dev.aioloop.Coroutine;
import dev.aioloop.Loop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Where a test's main coroutine runs: a standalone loop on the test's thread, or a group's loop. */
enum LoopKind {
    STANDALONE(null),
    NIO_GROUP(NioIoHandler::newFactory),
    EPOLL_GROUP(EpollIoHandler::newFactory);

    private final Supplier<IoHandlerFactory> handler;

    LoopKind(Supplier<IoHandlerFactory> handler) {
        this.handler = handler;
    }

    /** The kinds this machine can run: epoll only where it loads. */
    static List<LoopKind> available() {
        List<LoopKind> kinds = new ArrayList<>(List.of(STANDALONE, NIO_GROUP));
        if (Epoll.isAvailable()) {
            kinds.add(EPOLL_GROUP);
        }
        return kinds;
    }

    /** A new group with this kind's transport: the standalone loop's own choice for {@link #STANDALONE}. */
    MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, factory());
    }

    /** A new group with the other transport, where this machine has both; null where it has NIO only. */
    MultiThreadIoEventLoopGroup newGroupOfOtherTransport(int threads) {
        if (!Epoll.isAvailable()) {
            return null;
        }
        boolean epoll = this == EPOLL_GROUP || this == STANDALONE;
        return new MultiThreadIoEventLoopGroup(threads, epoll ? NioIoHandler.newFactory() : EpollIoHandler.newFactory());
    }

    private IoHandlerFactory factory() {
        if (handler != null) {
            return handler.get();
        }
        return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** Runs {@code main} to completion on a loop of this kind and returns its result or throws its failure. */
    <T> T run(Coroutine<T> main) throws Exception {
        if (handler == null) {
            return Asyncio.run(main);
        }
        MultiThreadIoEventLoopGroup group = newGroup(2);
        try {
            return Asyncio.runCoroutineThreadsafe(main, Loop.of(group.next())).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
