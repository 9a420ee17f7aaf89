package dev.aioloop.bench;

import dev.aioloop.bench.echo.Echo;
import java.util.List;

/**
 * The benchmark entry point: runs one workload and prints the anchors' line,
 * {@code <workload> aioloop <figure> <unit>}.
 *
 * <pre>{@code
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -jar aioloop-bench.jar step
 * step aioloop 61.2 ns/step
 * }</pre>
 *
 * <p>Arguments: {@code WORKLOAD [SIZE [RUNS]]}, a SIZE of {@code -} for the workload's own. As the JVM anchors do, the workload runs
 * {@code RUNS} times (5 by default), each on a fresh loop, and the last run is printed: the earlier
 * ones warm the JIT up.
 */
public final class Bench {
    /** Every workload, by the anchors' name. */
    static final List<Workload> WORKLOADS = List.of(new Step(), new Spawn(), new Spawn(true), new Sleepers(),
            new Timer(), new Threadsafe(), new Timeouts(), new Echo(), new AsyncTree(false), new AsyncTree(true));

    private static final int RUNS = 5;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: Bench WORKLOAD [SIZE [RUNS]]   workloads: " + names());
            System.exit(2);
        }
        Workload w = find(args[0]);
        int size = args.length > 1 && !args[1].equals("-") ? positive(args[1], "SIZE") : w.defaultSize();
        int runs = args.length > 2 ? positive(args[2], "RUNS") : RUNS;
        System.out.println(line(w, size, runs));
    }

    /** Runs {@code w} {@code runs} times at {@code size} and formats the last run's figure. */
    static String line(Workload w, int size, int runs) throws Exception {
        String figure = null;
        for (int i = 0; i < runs; i++) {
            figure = w.run(size);
        }
        return w.name() + " aioloop " + figure;
    }

    static Workload find(String name) {
        for (Workload w : WORKLOADS) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "': choose one of " + names());
    }

    private static String names() {
        return String.join(" ", WORKLOADS.stream().map(Workload::name).toList());
    }

    private static int positive(String arg, String what) {
        int n;
        try {
            n = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + arg + "'", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + n);
        }
        return n;
    }
}
