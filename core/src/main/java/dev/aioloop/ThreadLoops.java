package dev.aioloop;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * One thread, one loop: each thread's default loop and the loop it is running, kept in Netty's
 * {@link FastThreadLocal} (a field of a Netty thread, an indexed slot elsewhere).
 */
final class ThreadLoops {
    private static final FastThreadLocal<ThreadLoops> STATE = new FastThreadLocal<>() {
        @Override
        protected ThreadLoops initialValue() {
            return new ThreadLoops();
        }
    };

    Loop defaultLoop;
    boolean defaultSet;
    Loop running;
    // The thread's current context outside a loop's entries: its own, made on first use, or the one
    // it entered with Context.run.
    Context context;

    private ThreadLoops() {
    }

    static ThreadLoops current() {
        return STATE.get();
    }

    /**
     * The loop running in this thread: the one whose run or iteration is under way, else the one
     * hosted on the Netty event loop this thread serves (its channel handlers run outside our
     * iterations), else null.
     */
    Loop runningLoop() {
        Loop loop = running;
        return loop != null ? loop : HostedLoops.currentThreadLoop();
    }

    /**
     * The error of {@code getEventLoop()} in a thread with no loop: what to do, and, on a thread of a
     * Netty executor that can host no loop, what that executor is.
     */
    static IllegalStateException noCurrentLoop() {
        String thread = "There is no current event loop in thread '" + Thread.currentThread().getName() + "'";
        String executor = HostedLoops.unhostableExecutor();
        if (executor != null) {
            return new IllegalStateException(thread + ": " + executor);
        }
        return new IllegalStateException(thread + ": getEventLoop() creates one only in the main thread; here, call "
                + "Asyncio.setEventLoop(Asyncio.newEventLoop()) first");
    }

    /**
     * Whether the calling thread is the JVM's main thread, the only one where
     * {@code getEventLoop()} creates a loop and where Ctrl-C becomes a {@link KeyboardInterrupt}. The
     * JDK offers no handle on the launcher's thread, so this goes by its name and group.
     */
    static boolean isMainThread() {
        Thread t = Thread.currentThread();
        ThreadGroup g = t.getThreadGroup();
        return !t.isVirtual() && "main".equals(t.getName()) && g != null && "main".equals(g.getName());
    }
}
