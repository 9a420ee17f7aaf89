package dev.aioloop.stress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Netty's leak reports in this process, from {@link #start()} to {@link #stop()}: both soak processes keep one. */
final class LeakWatch extends Handler {
    private final Logger log = Logger.getLogger(io.netty.util.ResourceLeakDetector.class.getName());
    private final List<String> leaks = Collections.synchronizedList(new ArrayList<>());

    private LeakWatch() {
    }

    static LeakWatch start() {
        LeakWatch watch = new LeakWatch();
        watch.log.addHandler(watch);
        return watch;
    }

    /** The reports seen; Netty reports a leaked buffer when it finds it collected unreleased, at a later allocation. */
    List<String> stop() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(16).release();
            io.netty.buffer.UnpooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
        log.removeHandler(this);
        return List.copyOf(leaks);
    }

    @Override
    public void publish(LogRecord record) {
        leaks.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
