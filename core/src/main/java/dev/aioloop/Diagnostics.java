package dev.aioloop;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
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
    // How many of the caller's frames a task made in debug mode keeps as its creation site.
    private static final int SITE_FRAMES = 8;
    private static final VarHandle RUNNING;

    static {
        try {
            RUNNING = MethodHandles.lookup().findVarHandle(Diagnostics.class, "running", long.class);
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
    private final Map<Task<?>, Throwable> creationSites = new WeakHashMap<>();

    // The entry running now, for the watchdog: `running` numbers it (0 between entries). Written with
    // release semantics after entry and thread, read with acquire before them: no fence on x86, and
    // no clock read per entry; the watchdog times a block from when it first sees its number.
    @SuppressWarnings("unused")
    private long running;
    private long entries;
    private ReadyEntry entry;
    private Thread thread;
    // The watchdog's own bookkeeping, on its thread: which entry it saw since when, its reports.
    private long seenEntry;
    private long seenAt;
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
        // The JVM's backtrace only: its frames become StackTraceElements when a dump asks, so that
        // the task pays a fill-in (a microsecond or two), not a walk and a copy of every frame.
        creationSites.put(task, new CreationSite());
    }

    /** Where {@code task} was made, user code first, or null if it was not made in debug mode. */
    StackTraceElement[] creationSite(Task<?> task) {
        Throwable site = creationSites.get(task);
        if (site == null) {
            return null;
        }
        StackTraceElement[] user = Frames.user(site.getStackTrace());
        return user.length <= SITE_FRAMES ? user : Arrays.copyOf(user, SITE_FRAMES);
    }

    // ---- the measured iteration ----

    /** Runs the next {@code n} ready entries, as the plain iteration does, measuring each one. */
    void runEntries(int n) {
        boolean watch = watched;
        boolean timed = debug;
        boolean events = LoopEvents.recording();
        if (watch) {
            thread = Thread.currentThread();
        }
        for (; n > 0; n--) {
            ReadyEntry next = loop.nextReady();
            LoopEvents.Step step = events ? LoopEvents.begin(next) : null;
            long start = timed ? System.nanoTime() : 0;
            if (watch) {
                entry = next;
                RUNNING.setRelease(this, ++entries);
            }
            try {
                loop.runEntry(next);
            } finally {
                if (watch) {
                    RUNNING.setRelease(this, 0L);
                }
            }
            if (step != null) {
                step.end(next);
            }
            if (timed) {
                long took = System.nanoTime() - start;
                if (took >= slowNanos) {
                    LOG.warn("Executing {} took {} seconds", describe(next), String.format(Locale.ROOT, "%.3f", took / 1e9));
                }
            }
        }
    }

    /** An entry as asyncio's debug messages show one: a task with where it waits, or the callback. */
    String describe(ReadyEntry e) {
        if (e instanceof Task<?> t) {
            return TaskDump.describe(t, creationSite(t));
        }
        return "<" + e + ">";
    }

    // ---- the watchdog's side (its thread) ----

    /**
     * Called by the watchdog every tick: if the entry running now has run past the threshold, or
     * past a further multiple of it, reports it once with the loop thread's stack at this moment.
     * The duration reported is counted from the tick that first saw the entry: it is short by at
     * most one tick.
     */
    void checkBlocked(long now) {
        long started = (long) RUNNING.getAcquire(this);
        if (started == 0) {
            return;
        }
        if (started != seenEntry) {
            // A new entry: it has run at least since now, at most since the previous tick.
            seenEntry = started;
            seenAt = now;
            reports = 0;
            return;
        }
        long threshold = blockedNanos;
        long blocked = now - seenAt;
        if (blocked < (reports + 1) * threshold) {
            return;
        }
        ReadyEntry running = entry;
        Thread loopThread = thread;
        if (running == null || loopThread == null) {
            return;
        }
        StackTraceElement[] stack = loopThread.getStackTrace();
        if ((long) RUNNING.getAcquire(this) != started) {
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

    /** Where a task was made: a throwable for its backtrace, never thrown. */
    private static final class CreationSite extends Throwable {
        private static final long serialVersionUID = 1L;

        CreationSite() {
            super(null, null, false, true);
        }
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
