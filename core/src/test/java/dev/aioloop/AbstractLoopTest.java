package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A new loop for each test, closed after it, and a log of what the test's callbacks saw. Public, with
 * protected members, for the test classes of the subpackages too.
 */
// The tests compile patched into core's module, where a public class of an exported package draws the
// exports lint for the JUnit and java.logging types it shows: nothing outside the tests sees it.
@SuppressWarnings("exports")
public abstract class AbstractLoopTest {
    protected Loop loop;
    protected final List<String> log = new ArrayList<>();

    /** For the test classes. */
    protected AbstractLoopTest() {
    }

    @BeforeEach
    protected void newLoop() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    protected void closeLoop() {
        loop.close();
    }

    /**
     * Starts collecting what the loop's default exception handler logs, instead of printing it; close
     * it (try-with-resources) to stop.
     */
    protected static CapturedLog captureLoopLog() {
        return new CapturedLog();
    }

    /** What {@link Loop} logged through Netty's logger (java.util.logging here) while open. */
    protected static final class CapturedLog extends Handler implements AutoCloseable {
        public final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger(Loop.class.getName());
        private final boolean usedParentHandlers;

        private CapturedLog() {
            assertInstanceOf(JdkLoggerFactory.class, InternalLoggerFactory.getDefaultFactory(),
                    "the test class path has no SLF4J or Log4j, so Netty logs through java.util.logging");
            usedParentHandlers = logger.getUseParentHandlers();
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(usedParentHandlers);
        }
    }
}
