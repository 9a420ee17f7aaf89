package dev.aioloop.bench;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.sleep;

import dev.aioloop.Asyncio;
import dev.aioloop.Coroutine;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An await round trip inside one task: the task suspends, the loop goes round, the task resumes.
 * {@code sleepZero} is {@code sleep(0)}; {@code sleepDue} a sleep whose timer is due at once, so it
 * also arms the task's timer and fires it; {@code scheduledFuture} awaits a new future whose result a
 * {@code callSoon} callback sets, so it also counts that future and that callback. Run with
 * {@code -prof gc} for the bytes allocated per round trip.
 *
 * <pre>{@code
 * java -cp bench/target/aioloop-bench.jar org.openjdk.jmh.Main AwaitBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.CONTINUATIONS, ForkFlags.NATIVE_ACCESS})
public class AwaitBenchmark {
    static final int BATCH = 1000;

    private Loop loop;
    private Coroutine<Integer> sleeps;
    private Coroutine<Integer> dueSleeps;
    private Coroutine<Integer> futures;

    @Setup
    public void setUp() {
        loop = Asyncio.newEventLoop();
        sleeps = () -> {
            for (int i = 0; i < BATCH; i++) {
                sleep(0);
            }
            return BATCH;
        };
        dueSleeps = () -> {
            for (int i = 0; i < BATCH; i++) {
                sleep(1e-9);
            }
            return BATCH;
        };
        futures = () -> {
            int sum = 0;
            for (int i = 0; i < BATCH; i++) {
                Future<Integer> f = loop.createFuture();
                loop.callSoon(() -> f.setResult(1));
                sum += await(f);
            }
            return sum;
        };
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sleepZero() throws Exception {
        return loop.runUntilComplete(sleeps);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sleepDue() throws Exception {
        return loop.runUntilComplete(dueSleeps);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int scheduledFuture() throws Exception {
        return loop.runUntilComplete(futures);
    }
}
