package dev.aioloop;

import dev.aioloop.internal.Inbox;
import dev.aioloop.spi.DrivenLoop;
import dev.aioloop.spi.Driver;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Ticker;
import io.netty.util.internal.NativeLibraryLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The standalone driver: Netty 4.2's caller-driven {@link ManualIoEventLoop}, so that the thread
 * calling {@code runForever} is the one doing the loop's I/O, with no hidden thread. Netty binds such
 * a loop to one owner thread for good: the first thread that runs the loop. Its I/O goes through
 * Linux's native epoll where that transport loads and the JVM grants it native access
 * ({@code --enable-native-access=ALL-UNNAMED}, or a jar manifest's {@code Enable-Native-Access}),
 * through NIO otherwise. A thread-safe callback
 * crosses in the driver's {@link Inbox}; each iteration runs the handles that are there when it has
 * polled, in the place the ready queue would give them.
 *
 * <p>With a {@link VirtualClock} (virtual time), a wait that nothing outside the loop could cut short
 * is skipped: the clock jumps by it instead. To know whether a channel could, the I/O handler is
 * wrapped so that it counts the registrations it hands out; Netty's own scheduled tasks run on the
 * same clock, through the event loop's {@link Ticker}.
 */
final class ManualDriver implements Driver {
    private static final Runnable NOTHING = () -> { };
    // Kept so that a close from another thread, which may not drive Netty's loop, can still release it.
    private IoHandler io;
    private final Io netty;
    private volatile Thread owner;
    // Null on real time.
    private final VirtualClock virtual;
    private Registrations registrations;
    private DrivenLoop driven;
    // Handoffs from other threads wait here, not one by one in Netty's task queue, and the iteration
    // takes each batch straight from here.
    private final Inbox handedIn = new Inbox();

    ManualDriver() {
        this(false);
    }

    ManualDriver(boolean virtualTime) {
        if (virtualTime) {
            virtual = new VirtualClock(this);
            netty = new Io(executor -> io = registrations = new Registrations(ioHandlerFactory().newHandler(executor)),
                    new VirtualTicker(virtual));
        } else {
            virtual = null;
            netty = new Io(executor -> io = ioHandlerFactory().newHandler(executor), Ticker.systemTicker());
        }
    }

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
        driven = loop;
        netty.loop = Loop.ofDriven(loop);
    }

    VirtualClock virtualClock() {
        return virtual;
    }

    @Override
    public EventLoop eventLoop() {
        return netty;
    }

    @Override
    public long nanoTime() {
        return virtual == null ? System.nanoTime() : virtual.nanoTime();
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
    public void execute(Runnable handoff) {
        // The wake-up is refused only once the close has begun, and then the loop, closed by then,
        // takes the handoff back itself (Loop.callSoonThreadsafe): nothing here throws.
        if (handedIn.offer(handoff)) {
            wakeup();
        }
    }

    @Override
    public void poll(long timeoutNanos) {
        // From here on a handoff wakes the wait; one that came before is in the queue, which is looked at.
        handedIn.arm();
        long wait = handedIn.isEmpty() ? timeoutNanos : 0;
        if (virtual == null) {
            pollNetty(wait);
        } else {
            pollVirtual(wait);
        }
    }

    // The handoffs that are there after the poll, as many as that: producers faster than the loop
    // would otherwise keep it running theirs. The iteration runs them as entries of its own.
    @Override
    public int handoffsToRun() {
        return handedIn.size();
    }

    @Override
    public Runnable nextHandoff() {
        return handedIn.poll();
    }

    private void pollVirtual(long timeoutNanos) {
        // What came in first: a handoff or a read may make work ready, and then nothing waits.
        netty.runNow();
        if (timeoutNanos <= 0 || driven.hasReady()) {
            return;
        }
        long wait = Math.min(timeoutNanos, netty.untilNextScheduled());
        if (wait != Long.MAX_VALUE && !awaitsOutside()) {
            virtual.advance(wait);
            return;
        }
        long start = System.nanoTime();
        pollNetty(wait);
        virtual.advance(System.nanoTime() - start);
    }

    /** Whether something outside the loop could still make work ready: a registered channel, a call or stage out. */
    private boolean awaitsOutside() {
        return driven.awaitsOutside() || registrations != null && registrations.anyValid();
    }

    /** The earliest deadline of the loop's timers and of Netty's scheduled tasks, on the virtual clock. */
    long nextTimerDeadline() {
        long loopNext = driven.nextDeadline();
        long nettyDelay = netty.untilNextScheduled();
        if (nettyDelay == Long.MAX_VALUE) {
            return loopNext;
        }
        long nettyNext = virtual.nanoTime() + nettyDelay;
        return loopNext == Long.MAX_VALUE || nettyNext - loopNext < 0 ? nettyNext : loopNext;
    }

    /** Whether work is ready, or a timer due, at {@code now}. */
    boolean hasCurrentWork(long now) {
        if (driven.hasReady()) {
            return true;
        }
        long next = nextTimerDeadline();
        return next != Long.MAX_VALUE && next - now <= 0;
    }

    private void pollNetty(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            netty.runNow();
        } else {
            // ManualIoEventLoop reads a wait of 0 as "until woken".
            netty.run(timeoutNanos == Long.MAX_VALUE ? 0 : timeoutNanos);
        }
    }

    @Override
    public void wakeup() {
        // A task, not Netty's bare wakeup: that one is lost when it comes just before the owner's wait
        // begins, which looks again for queued tasks but not for a flag (a stop, a Ctrl-C) set meanwhile.
        try {
            netty.execute(NOTHING);
        } catch (RejectedExecutionException closed) {
            // Nothing waits on a loop that was shut down.
        }
    }

    @Override
    public void close() {
        netty.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        Thread current = owner;
        if (current == null) {
            bind();
            current = owner;
        }
        if (current != Thread.currentThread()) {
            // Only the owner may drive Netty's loop to termination, and the owner may be gone. The loop
            // is not running (Loop.close() refuses that), so nothing else touches the handler: release
            // its registrations and selector here rather than leak them.
            io.prepareToDestroy();
            io.destroy();
        } else {
            while (!netty.isTerminated()) {
                if (virtual != null) {
                    // Netty's shutdown waits for its clock to pass the quiet period: a stopped clock never would.
                    virtual.advance(1);
                }
                netty.runNow();
            }
        }
        // What was handed in after the last iteration took its batch goes to the ready queue, which the
        // loop's close discards.
        handedIn.runAll();
    }

    /** Netty's loop, knowing the asyncio loop it drives, so that {@link Loop#of} finds it. */
    static final class Io extends ManualIoEventLoop {
        volatile Loop loop;

        Io(IoHandlerFactory factory, Ticker ticker) {
            super(null, null, factory, ticker);
        }

        /** Nanoseconds until Netty's next scheduled task is due, 0 if one is; {@link Long#MAX_VALUE} for none. */
        long untilNextScheduled() {
            long next = nextScheduledTaskDeadlineNanos();
            return next == -1 ? Long.MAX_VALUE : Math.max(0, next - ticker().nanoTime());
        }
    }

    /**
     * Netty's time on a virtual-time loop: the virtual clock, counted from the loop's making as Netty's
     * system ticker counts from its start. Netty converts a real reading to its own time by subtracting
     * {@link #initialNanoTime()}, so that is the real reading the virtual zero corresponds to now.
     */
    private record VirtualTicker(VirtualClock clock) implements Ticker {
        @Override
        public long initialNanoTime() {
            return System.nanoTime() - clock.sinceStart();
        }

        @Override
        public long nanoTime() {
            return clock.sinceStart();
        }

        @Override
        public void sleep(long delay, TimeUnit unit) throws InterruptedException {
            unit.sleep(delay);
        }
    }

    /**
     * The I/O handler, keeping the registrations it handed out (one per channel), so that a virtual
     * clock can tell whether a channel could still receive. Loop thread only: Netty registers there.
     */
    private static final class Registrations implements IoHandler {
        private final IoHandler handler;
        private final List<IoRegistration> handedOut = new ArrayList<>();

        Registrations(IoHandler handler) {
            this.handler = handler;
        }

        boolean anyValid() {
            handedOut.removeIf(r -> !r.isValid());
            return !handedOut.isEmpty();
        }

        @Override
        public void initialize() {
            handler.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            return handler.run(context);
        }

        @Override
        public void prepareToDestroy() {
            handler.prepareToDestroy();
        }

        @Override
        public void destroy() {
            handler.destroy();
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            IoRegistration registration = handler.register(handle);
            handedOut.add(registration);
            return registration;
        }

        @Override
        public void wakeup() {
            handler.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return handler.isCompatible(handleType);
        }
    }
}
