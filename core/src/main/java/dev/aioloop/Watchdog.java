package dev.aioloop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The blocked-loop watchdog: one daemon thread for the whole JVM, alive only while some loop is
 * watched (debug mode, or a blocked threshold). Each tick it asks every watched loop whether the
 * entry it runs has run past its threshold ({@link Diagnostics#checkBlocked}); the report is made
 * from this thread, with the loop thread's stack taken while it still blocks, as Vert.x's
 * {@code BlockedThreadChecker} does.
 */
final class Watchdog {
    // A tenth of the smallest threshold, within these bounds: a report comes at most a tick late.
    private static final long MIN_TICK = 5_000_000L;
    private static final long MAX_TICK = 100_000_000L;

    private static final List<Diagnostics> WATCHED = new ArrayList<>();
    private static Thread thread;

    private Watchdog() {
    }

    static synchronized void watch(Diagnostics loop) {
        if (!WATCHED.contains(loop)) {
            WATCHED.add(loop);
        }
        if (thread == null) {
            thread = new Thread(Watchdog::run, "aioloop-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    static synchronized void unwatch(Diagnostics loop) {
        WATCHED.remove(loop);
    }

    /** Whether the watchdog's thread runs now: for the tests. */
    static synchronized boolean running() {
        return thread != null;
    }

    private static void run() {
        while (true) {
            Diagnostics[] loops;
            long tick = MAX_TICK;
            synchronized (Watchdog.class) {
                // A closed loop leaves here, so that closing needs no call into the watchdog.
                WATCHED.removeIf(d -> d.loop.isClosed());
                if (WATCHED.isEmpty()) {
                    thread = null;
                    return;
                }
                loops = WATCHED.toArray(new Diagnostics[0]);
            }
            for (Diagnostics d : loops) {
                tick = Math.min(tick, Math.max(MIN_TICK, d.blockedNanos / 10));
            }
            LockSupport.parkNanos(tick);
            long now = System.nanoTime();
            for (Diagnostics d : loops) {
                try {
                    d.checkBlocked(now);
                } catch (RuntimeException e) {
                    // A report that failed (a logger's error) must not end the watch of every loop.
                }
            }
        }
    }
}
