package dev.aioloop.netty;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Netty's leak detector (PARANOID in the build) reports a buffer released
 * too few times. Registered for every test class through JUnit's extension auto-detection
 * ({@code META-INF/services}); the build installs {@link Recorder} as Netty's detector. Leaks surface
 * when the leaked buffer is garbage-collected and a later allocation polls the detector, so after
 * each class this forces collections and allocations before looking.
 */
// The tests compile patched into the adapter's module, where a public class of an exported package
// draws the exports lint for the JUnit types it shows: nothing outside the tests sees it.
@SuppressWarnings("exports")
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    /** Made by JUnit's extension auto-detection. */
    public LeakCheck() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            fail("Netty's leak detection must run PARANOID in tests, not " + ResourceLeakDetector.getLevel());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        collectLeaks();
        List<String> leaks = takeLeaks();
        if (!leaks.isEmpty()) {
            fail("Netty reported ByteBuf leak(s):\n" + String.join("\n\n", leaks));
        }
    }

    /** The leaks reported so far, forgotten once returned. */
    static List<String> takeLeaks() {
        synchronized (LEAKS) {
            List<String> leaks = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return leaks;
        }
    }

    /** Makes Netty notice buffers that became garbage unreleased: collections, then allocations. */
    static void collectLeaks() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                unpooled.release();
            }
        }
    }

    /** Netty's detector, recording each leak it reports (installed by the build's system property). */
    public static final class Recorder<T> extends ResourceLeakDetector<T> {
        public Recorder(Class<?> resourceType, int samplingInterval) {
            super(resourceType, samplingInterval);
        }

        public Recorder(Class<?> resourceType, int samplingInterval, long maxActive) {
            super(resourceType, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record(resourceType + " leaked:" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record(resourceType + " leaked (no record)");
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
