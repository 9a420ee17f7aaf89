package dev.aioloop;

import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;

/**
 * Run by {@link NativeAccessTest}: which transport a standalone loop picked, and, given an argument,
 * whether this machine could have had epoll at all (asked after the loop ran: asking loads it).
 */
public final class NativeAccessChild {
    private NativeAccessChild() {
    }

    public static void main(String[] args) throws Exception {
        String transport = Asyncio.run(() -> {
            IoEventLoop io = (IoEventLoop) Asyncio.getRunningLoop().nettyEventLoop();
            return io.isIoType(EpollIoHandler.class) ? "epoll" : "nio";
        });
        System.out.println("transport " + transport);
        if (args.length > 0) {
            System.out.println("epoll available " + Epoll.isAvailable());
        }
    }
}
