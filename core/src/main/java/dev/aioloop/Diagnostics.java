package dev.aioloop;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a loop does when it is watched: asyncio's debug mode (slow callbacks logged, where each task
 * was created), the blocked-loop watchdog's view of the callback running now, and the JFR events.
 * One per loop. The loop's iteration takes the measured path ({@link #runEntries}) only while one of
 * them is on, so that a loop nobody watches pays one plain field read per iteration.
 */
final class Diagnostics {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(Loop.class);
    static final double DEFAULT_SLOW_CALLBACK_DURATION = 0.1;
    static final double DEFAULT_BLOCKED_THRESHOLD = 1.0;
    private static final VarHandle STARTED;

    static {
        try {
            STARTED = MethodHandles.lookup().findVarHandle(Diagnostics.class, "startedNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Loop loop;
    private boolean debug;
    private double slowCallbackDuration = DEFAULT_SLOW_CALLBACK_DURATION;
    private long slowNanos = Clock.toNanos(DEFAULT_SLOW_CALLBACK_DURATION);
    // 0: nobody asked for the watchdog by itself (debug mode still brings it, at the default).
    private double blockedThreshold;
    // Read by the watchdog's thread; written rarely, on the loop's.
    volatile long blockedNanos = Clock.toNanos(DEFAULT_BLOCKED_THRESHOLD);
    private boolean watched;
    // Where each task was made, in debug mode only; weak, so that done tasks go with their sites.
    private final Map<Task<?>, StackTraceElement[]> creationSites = new WeakHashMap<>();

    // The entry running now, for the watchdog: startedNanos is 0 between entries. Written with
    // release semantics after entry and thread, read with acquire before them: no fence on x86.
    @SuppressWarnings("unused")
    private long startedNanos;
    private ReadyEntry entry;
    private Thread thread;
    // The watchdog's own bookkeeping, on its thread: which entry it saw, how many reports it made.
    private long seenStarted;
    private int reports;

    Diagnostics(Loop loop) {
        this.loop = loop;
        debug = Boolean.getBoolean("aioloop.debug");
        String threshold = System.getProperty("aioloop.blockedThreshold");
        if (threshold != null) {
            try {
                blockedThreshold = Math.max(0, Double.parseDouble(threshold));
            } catch (NumberFormatException e) {
                LOG.warn("aioloop.blockedThreshold={} is not a number of seconds: the watchdog stays off", threshold);
            }
        }
    }

    // ---- settings (the loop's thread) ----

    boolean debug() {
        return debug;
    }

    void setDebug(boolean on) {
        debug = on;
        refresh();
    }

    double slowCallbackDuration() {
        return slowCallbackDuration;
    }

    void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("setSlowCallbackDuration(" + seconds + "): give a number of seconds, 0 or more");
        }
        slowCallbackDuration = seconds;
        slowNanos = Clock.toNanos(seconds);
    }

    double blockedThreshold() {
        return blockedThreshold;
    }

    void setBlockedThreshold(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("setBlockedThreshold(" + seconds + "): give a number of seconds (0: off)");
        }
        blockedThreshold = seconds;
        refresh();
    }

    /**
     * Recomputes what the iteration must do after a switch changed (debug, watchdog, a JFR recording
     * starting or ending), and joins or leaves the watchdog.
     */
    void refresh() {
        boolean watch = (debug || blockedThreshold > 0) && !loop.isClosed();
        blockedNanos = Clock.toNanos(blockedThreshold > 0 ? blockedThreshold : DEFAULT_BLOCKED_THRESHOLD);
        if (watch != watched) {
            watched = watch;
            if (watch) {
                Watchdog.watch(this);
            } else {
                Watchdog.unwatch(this);
            }
        }
        loop.diagnosing = debug || watch || LoopEvents.recording();
    }

    // ---- creation sites ----

    /** In debug mode, remembers where {@code task} is being made: the caller's frames. */
    void taskCreated(Task<?> task) {
        creationSites.put(task, Frames.user(new Throwable().getStackTrace()));
    }

    /** Where {@code task} was made, user code first, or null if it was not made in debug mode. */
    StackTraceElement[] creationSite(Task<?> task) {
        return creationSites.get(task);
    }

    // ---- the measured iteration ----

    /** Runs the next {@code n} ready entries, as the plain iteration does, measuring each one. */
    void runEntries(int n) {
        boolean watch = watched;
        boolean events = LoopEvents.recording();
        Thread current = Thread.currentThread();
        for (; n > 0; n--) {
            ReadyEntry next = loop.nextReady();
            LoopEvents.Step step = events ? LoopEvents.begin(next) : null;
            long start = System.nanoTime();
            if (watch) {
                entry = next;
                thread = current;
                // Never 0 while an entry runs: 0 means "between entries" to the watchdog.
                STARTED.setRelease(this, start == 0 ? 1 : start);
            }
            try {
                loop.runEntry(next);
            } finally {
                if (watch) {
                    STARTED.setRelease(this, 0L);
                    entry = null;
                }
            }
            long took = System.nanoTime() - start;
            if (step != null) {
                step.end(next);
            }
            if (debug && took >= slowNanos) {
                LOG.warn("Executing {} took {} seconds", describe(next), String.format(Locale.ROOT, "%.3f", took / 1e9));
            }
        }
    }

    /** An entry as asyncio's debug messages show one: a task with where it waits, or the callback. */
    String describe(ReadyEntry e) {
        if (e instanceof Task<?> t) {
            return TaskDump.describe(t, creationSites.get(t));
        }
        return "<" + e + ">";
    }

    // ---- the watchdog's side (its thread) ----

    /**
     * Called by the watchdog every tick: if the entry running now has run past the threshold, or
     * past a further multiple of it, reports it once with the loop thread's stack at this moment.
     */
    void checkBlocked(long now) {
        long started = (long) STARTED.getAcquire(this);
        if (started == 0) {
            return;
        }
        if (started != seenStarted) {
            seenStarted = started;
            reports = 0;
        }
        long threshold = blockedNanos;
        long blocked = now - started;
        if (blocked < (reports + 1) * threshold) {
            return;
        }
        ReadyEntry running = entry;
        Thread loopThread = thread;
        if (running == null || loopThread == null) {
            return;
        }
        StackTraceElement[] stack = loopThread.getStackTrace();
        if ((long) STARTED.getAcquire(this) != started) {
            // The entry ended while the stack was taken: the stack may show the next one.
            return;
        }
        reports++;
        String what = running instanceof Task<?> t ? "<Task name='" + t.getName() + "'>" : "<" + running + ">";
        StackTraceElement culprit = Frames.firstUser(stack);
        String message = String.format(Locale.ROOT,
                "Event loop blocked for %.3f seconds (threshold %.3f) in thread '%s', executing %s%s; the loop thread's stack follows",
                blocked / 1e9, threshold / 1e9, loopThread.getName(), what,
                culprit == null ? "" : ", at " + culprit);
        BlockedLoop trace = new BlockedLoop("The loop thread '" + loopThread.getName() + "' blocked", stack);
        LOG.warn(message, trace);
        LoopEvents.loopBlocked(blocked, loopThread, what, stack);
    }

    /** The loop thread's stack, as a throwable so that loggers print it as a stack trace. */
    static final class BlockedLoop extends Throwable {
        private static final long serialVersionUID = 1L;

        BlockedLoop(String message, StackTraceElement[] stack) {
            super(message, null, false, true);
            setStackTrace(stack);
        }
    }
}
