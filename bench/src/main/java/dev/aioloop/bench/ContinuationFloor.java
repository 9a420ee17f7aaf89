package dev.aioloop.bench;

import dev.aioloop.internal.ContinuationBridge;
import java.util.ArrayDeque;

/**
 * The floor under {@code step} on the JVM: the same tasks-and-yields shape with bare JDK
 * continuations (through core's {@link ContinuationBridge}, the one door to them), resumed in turn
 * from a plain queue: no loop, no task, no future. What aioloop's step costs above this line is
 * aioloop's; what lies below it is the JDK's freeze and thaw.
 *
 * <pre>{@code
 * java -cp bench/target/aioloop-bench.jar --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
 *     dev.aioloop.bench.ContinuationFloor
 * step jdk-continuation 98.1 ns/step
 * }</pre>
 */
public final class ContinuationFloor {
    private static final int YIELDS = 10;

    private ContinuationFloor() {
    }

    public static void main(String[] args) {
        // As Bench's: TASKS (- for step's own) and RUNS, the last run printed.
        int tasks = args.length > 0 && !args[0].equals("-") ? Integer.parseInt(args[0]) : new Step().defaultSize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double perStep = 0;
        for (int i = 0; i < runs; i++) {
            perStep = run(tasks);
        }
        System.out.printf("step jdk-continuation %.1f ns/step%n", perStep);
    }

    /** One run: nanoseconds per resume-to-yield, continuation creation included as task creation is. */
    static double run(int tasks) {
        ArrayDeque<Yielder> queue = new ArrayDeque<>(tasks);
        long t0 = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            queue.addLast(new Yielder());
        }
        long resumes = 0;
        Yielder y;
        while ((y = queue.pollFirst()) != null) {
            y.resume();
            resumes++;
            if (!y.finished) {
                queue.addLast(y);
            }
        }
        long dt = System.nanoTime() - t0;
        if (resumes != (long) tasks * (YIELDS + 1)) {
            throw new IllegalStateException("the continuations were resumed " + resumes + " times, not once per step");
        }
        return dt / (double) resumes;
    }

    private static final class Yielder extends ContinuationBridge {
        private static final Runnable ENTRY = new Entry();
        boolean finished;

        Yielder() {
            super(ENTRY);
        }
    }

    /** The body of every yielder, entered as a task's is: one shared entry that finds its continuation. */
    private static final class Entry implements Runnable {
        @Override
        public void run() {
            Yielder y = (Yielder) ContinuationBridge.current();
            for (int i = 0; i < YIELDS; i++) {
                ContinuationBridge.suspend();
            }
            y.finished = true;
        }
    }
}
