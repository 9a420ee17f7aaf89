package dev.aioloop.bench;

import dev.aioloop.Asyncio;
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
 * {@link Loop#callSoon(Runnable)} and the loop running the callback: one operation is one callback
 * scheduled from a running callback and run in the next iteration. Run with {@code -prof gc} for the
 * bytes allocated per operation.
 *
 * <pre>{@code
 * java -cp bench/target/aioloop-bench.jar org.openjdk.jmh.Main CallSoonBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.CONTINUATIONS, ForkFlags.NATIVE_ACCESS})
public class CallSoonBenchmark {
    static final int BATCH = 1000;

    private Loop loop;
    private long runs;
    private Runnable callback;
    private Runnable burst;

    @Setup
    public void setUp() {
        loop = Asyncio.newEventLoop();
        callback = () -> runs++;
        Runnable stop = loop::stop;
        burst = () -> {
            for (int i = 0; i < BATCH; i++) {
                loop.callSoon(callback);
            }
            loop.callSoon(stop);
        };
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long callSoon() {
        loop.callSoon(burst);
        loop.runForever();
        return runs;
    }
}
