package dev.aioloop;

import dev.aioloop.management.LoopsMXBean;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.management.ObjectName;

/**
 * The JVM's loops not closed yet, weakly held, each with its number ({@code Loop 1} is the first
 * made); and the {@code dev.aioloop:type=Loops} MBean over them, registered once the first loop is
 * made (by a thread of its own, a moment later), unless the system property {@code aioloop.mbean}
 * is {@code false}.
 */
final class LiveLoops implements LoopsMXBean {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(Loop.class);
    // How long an MBean call waits for each loop's thread to answer.
    private static final long ANSWER_SECONDS = 2;

    private record Entry(WeakReference<Loop> loop, int number) {
    }

    private static final List<Entry> LOOPS = new ArrayList<>();
    private static int made;
    private static boolean started;
    private static boolean ready;

    private LiveLoops() {
    }

    /**
     * Counts {@code loop} in; the first loop of the JVM starts a daemon thread that registers the
     * MBean and follows the JFR recorder. Not on the loop's own path: the platform MBean server and
     * the recorder's classes take a few hundred milliseconds to load, which the first loop would add
     * to every program's start.
     */
    static void add(Loop loop) {
        boolean first;
        synchronized (LiveLoops.class) {
            prune();
            LOOPS.add(new Entry(new WeakReference<>(loop), ++made));
            first = !started;
            started = true;
        }
        if (first) {
            Thread setUp = new Thread(LiveLoops::setUp, "aioloop-management");
            setUp.setDaemon(true);
            setUp.start();
        }
    }

    private static void setUp() {
        LoopEvents.listen();
        if (!"false".equals(System.getProperty("aioloop.mbean"))) {
            try {
                ManagementFactory.getPlatformMBeanServer().registerMBean(new LiveLoops(), new ObjectName(OBJECT_NAME));
            } catch (Exception | LinkageError e) {
                // Another copy of aioloop in this JVM (another class loader) registered first, or the
                // JVM has no management: the loops run the same, only unseen from outside.
                LOG.debug("The {} MBean is not registered", OBJECT_NAME, e);
            }
        }
        synchronized (LiveLoops.class) {
            ready = true;
            LiveLoops.class.notifyAll();
        }
    }

    /** Waits until the first loop's set-up (MBean, JFR listener) is done: for the tests. */
    static synchronized void awaitSetUp() throws InterruptedException {
        while (!ready) {
            LiveLoops.class.wait();
        }
    }

    /** The number of {@code loop}, as dumps name it; 0 if it is not counted (closed). */
    static synchronized int numberOf(Loop loop) {
        for (Entry e : LOOPS) {
            if (e.loop.get() == loop) {
                return e.number;
            }
        }
        return 0;
    }

    private static synchronized List<Entry> live() {
        prune();
        return new ArrayList<>(LOOPS);
    }

    private static void prune() {
        LOOPS.removeIf(e -> {
            Loop l = e.loop.get();
            return l == null || l.isClosed();
        });
    }

    /** Tells every live loop, on its thread, that what its iteration must measure may have changed. */
    static void refreshAll() {
        for (Entry e : live()) {
            Loop loop = e.loop.get();
            if (loop != null) {
                try {
                    loop.callSoonThreadsafe(loop.diagnostics::refresh);
                } catch (IllegalStateException closed) {
                    // Closed meanwhile: nothing left to refresh.
                }
            }
        }
    }

    /** The header of a loop's texts, on its thread: {@code Loop 1 in thread 'main'}. */
    static String header(Loop loop) {
        return "Loop " + numberOf(loop) + " in thread '" + Thread.currentThread().getName() + "'";
    }

    // ---- the MBean: from a JMX thread ----

    @Override
    public String dumpTasks() {
        return eachLoop(loop -> TaskDump.dump(loop, header(loop)));
    }

    @Override
    public String formatAwaitTrees() {
        return eachLoop(loop -> TaskDump.trees(loop, header(loop)));
    }

    @Override
    public String[][] taskTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"loop", "task", "state", "awaiting", "where"});
        for (Entry e : live()) {
            Loop loop = e.loop.get();
            if (loop == null) {
                continue;
            }
            String name = "Loop " + e.number;
            try {
                List<String[]> some = ask(loop, l -> TaskDump.rows(l, name + " ('" + Thread.currentThread().getName() + "')"));
                if (some == null) {
                    rows.add(new String[] {name, "-", "not running", "-", "-"});
                } else {
                    rows.addAll(some);
                }
            } catch (TimeoutException busy) {
                rows.add(new String[] {name, "-", "no answer in " + ANSWER_SECONDS + " s (blocked?)", "-", "-"});
            }
        }
        return rows.toArray(new String[0][]);
    }

    private static String eachLoop(Function<Loop, String> text) {
        StringBuilder out = new StringBuilder();
        for (Entry e : live()) {
            Loop loop = e.loop.get();
            if (loop == null) {
                continue;
            }
            try {
                String t = ask(loop, text);
                out.append(t != null ? t : "Loop " + e.number + ": not running (its tasks are read while a thread runs it)\n");
            } catch (TimeoutException busy) {
                out.append("Loop ").append(e.number).append(": its thread gave no answer in ").append(ANSWER_SECONDS)
                        .append(" s: blocked? (the watchdog names the culprit: aioloop.blockedThreshold)\n");
            }
        }
        return out.toString();
    }

    /**
     * Runs {@code what} on {@code loop}'s thread and returns its answer; null if no thread runs the
     * loop now, so that nothing can read its tasks safely.
     */
    private static <T> T ask(Loop loop, Function<Loop, T> what) throws TimeoutException {
        if (!loop.isRunning()) {
            return null;
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> {
                try {
                    answer.complete(what.apply(loop));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (IllegalStateException closed) {
            return null;
        }
        try {
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("The dump failed on the loop's thread: " + e.getCause(), e.getCause());
        }
    }
}
