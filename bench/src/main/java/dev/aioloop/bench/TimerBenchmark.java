package dev.aioloop.bench;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.TimerHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A timer armed with {@link Loop#callLater(double, Runnable)} and cancelled at once, as a timeout
 * that is not reached is; {@code pending} other timers sit in the loop's timer queue meanwhile.
 * Run with {@code -prof gc} for the bytes allocated per arm and cancel.
 *
 * <pre>{@code
 * java -cp bench/target/aioloop-bench.jar org.openjdk.jmh.Main TimerBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.CONTINUATIONS, ForkFlags.NATIVE_ACCESS})
public class TimerBenchmark {
    @Param({"0", "10000"})
    public int pending;

    private Loop loop;
    private Runnable callback;

    @Setup
    public void setUp() {
        loop = Asyncio.newEventLoop();
        callback = () -> { };
        for (int i = 0; i < pending; i++) {
            loop.callLater(3600 + i, callback);
        }
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    public boolean armAndCancel() {
        TimerHandle h = loop.callLater(1800, callback);
        h.cancel();
        return h.cancelled();
    }
}
