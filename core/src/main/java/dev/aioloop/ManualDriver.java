package dev.aioloop;

import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.internal.NativeLibraryLoader;
import java.util.concurrent.TimeUnit;

/**
 * The standalone driver: Netty 4.2's caller-driven {@link ManualIoEventLoop}, so that the thread
 * calling {@code runForever} is the one doing the loop's I/O, with no hidden thread. Netty binds such
 * a loop to one owner thread for good: the first thread that runs the loop. Its I/O goes through
 * Linux's native epoll where that transport loads and the JVM grants it native access
 * ({@code --enable-native-access=ALL-UNNAMED}, or a jar manifest's {@code Enable-Native-Access}),
 * through NIO otherwise. A thread-safe callback
 * crosses in Netty's task queue and is moved to the loop's ready queue when the loop polls.
 */
final class ManualDriver implements Driver {
    // Kept so that a close from another thread, which may not drive Netty's loop, can still release it.
    private IoHandler io;
    private final Io netty = new Io(executor -> io = ioHandlerFactory().newHandler(executor));
    private volatile Thread owner;

    private static IoHandlerFactory ioHandlerFactory() {
        // Native access first: Epoll.isAvailable() loads the native library.
        return nativeAccessEnabled() && Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * Whether the JVM lets Netty load its native epoll library without a warning: for the modules of
     * Netty's epoll classes and of netty-common's loader, which makes the restricted call (both the
     * unnamed module on the class path). Without it the JDK prints its four-line "restricted method"
     * warning on the first load, so a user who did not ask for native code gets NIO instead.
     */
    private static boolean nativeAccessEnabled() {
        return Epoll.class.getModule().isNativeAccessEnabled()
                && NativeLibraryLoader.class.getModule().isNativeAccessEnabled();
    }

    @Override
    public void attach(DrivenLoop loop) {
        netty.loop = Loop.ofDriven(loop);
    }

    @Override
    public EventLoop eventLoop() {
        return netty;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean inLoopThread() {
        return owner == Thread.currentThread();
    }

    @Override
    public void checkIdleThread(String what) {
        // Between runs the loop belongs to no thread: its owner hands it over by not running it.
    }

    @Override
    public boolean runsItself() {
        return false;
    }

    @Override
    public void checkControl(Control what) {
        // Its user starts, stops and closes it.
    }

    @Override
    public void readyAdded() {
        // Whatever made work ready runs on the loop's thread, which looks at the queue next.
    }

    @Override
    public void timerArmed(long deadlineNanos) {
        // The next iteration's wait is bounded by the earliest timer.
    }

    @Override
    public void bind() {
        Thread me = Thread.currentThread();
        Thread current = owner;
        if (current == me) {
            return;
        }
        if (current != null) {
            throw new IllegalStateException("This event loop belongs to thread '" + current.getName()
                    + "', the first one that ran it (one thread, one loop): create a loop for this thread "
                    + "with Asyncio.newEventLoop()");
        }
        netty.setOwningThread(me);
        owner = me;
    }

    @Override
    public void execute(Runnable task) {
        netty.execute(task);
    }

    @Override
    public void poll(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            netty.runNow();
        } else {
            // ManualIoEventLoop reads a wait of 0 as "until woken".
            netty.run(timeoutNanos == Long.MAX_VALUE ? 0 : timeoutNanos);
        }
    }

    @Override
    public void wakeup() {
        netty.wakeup();
    }

    @Override
    public void close() {
        netty.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        Thread current = owner;
        if (current == null) {
            bind();
        } else if (current != Thread.currentThread()) {
            // Only the owner may drive Netty's loop to termination, and the owner may be gone. The loop
            // is not running (Loop.close() refuses that), so nothing else touches the handler: release
            // its registrations and selector here rather than leak them.
            io.prepareToDestroy();
            io.destroy();
            return;
        }
        while (!netty.isTerminated()) {
            netty.runNow();
        }
    }

    /** Netty's loop, knowing the asyncio loop it drives, so that {@link Loop#of} finds it. */
    static final class Io extends ManualIoEventLoop {
        volatile Loop loop;

        Io(IoHandlerFactory factory) {
            super(null, factory);
        }
    }
}
