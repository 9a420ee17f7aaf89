package dev.aioloop;

import static dev.aioloop.Asyncio.sleep;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What nobody catches goes to the loop's exception handler, and the loop goes on. */
class ExceptionHandlerTest extends AbstractLoopTest {
    private final List<ErrorContext> handled = new CopyOnWriteArrayList<>();

    @Test
    void aCallbackThatThrowsReachesTheHandlerAndTheLoopGoesOn() {
        loop.setExceptionHandler((l, context) -> handled.add(context));
        IllegalStateException failure = new IllegalStateException("callback failed");
        Handle failing = loop.callSoon(() -> {
            throw failure;
        });
        loop.callSoon(() -> log.add("next callback"));
        loop.callLater(0.01, () -> log.add("later callback"));
        loop.callLater(0.01, loop::stop);

        loop.runForever();

        assertEquals(List.of("next callback", "later callback"), log);
        assertEquals(1, handled.size());
        ErrorContext context = handled.get(0);
        assertSame(failure, context.exception());
        assertSame(failing, context.handle());
        assertTrue(context.message().startsWith("Exception in callback"), context.message());
    }

    @Test
    void aCancelledErrorThrownByAPlainCallbackIsHandledToo() {
        loop.setExceptionHandler((l, context) -> handled.add(context));
        loop.callSoon(() -> {
            throw new CancelledError("stray");
        });
        loop.callSoon(loop::stop);

        loop.runForever();

        assertEquals(1, handled.size());
        assertInstanceOf(CancelledError.class, handled.get(0).exception());
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLoop() throws Exception {
        Task<Object> failing = loop.createTask(() -> {
            sleep(0);
            throw new IOException("task failed");
        });
        String other = loop.runUntilComplete(() -> {
            sleep(0.01);
            return "other task finished";
        });
        assertEquals("other task finished", other);
        assertTrue(failing.done());
        assertEquals("task failed", failing.exception().getMessage());
    }

    @Test
    void theDefaultHandlerLogsWithTheStackTrace() {
        IllegalStateException failure = new IllegalStateException("logged failure");
        try (CapturedLog captured = captureLoopLog()) {
            loop.callSoon(() -> {
                throw failure;
            });
            loop.callSoon(loop::stop);

            loop.runForever();

            assertEquals(1, captured.records.size());
            LogRecord record = captured.records.get(0);
            assertEquals(Level.SEVERE, record.getLevel());
            assertSame(failure, record.getThrown());
            assertTrue(record.getMessage().startsWith("Exception in callback"), record.getMessage());
        }
    }

    @Test
    void aHandlerThatThrowsIsLoggedWithTheOriginalErrorAndTheLoopGoesOn() {
        IllegalStateException original = new IllegalStateException("original");
        IllegalArgumentException inHandler = new IllegalArgumentException("handler broke");
        loop.setExceptionHandler((l, context) -> {
            throw inHandler;
        });
        try (CapturedLog captured = captureLoopLog()) {
            loop.callSoon(() -> {
                throw original;
            });
            loop.callSoon(() -> log.add("after"));
            loop.callSoon(loop::stop);

            loop.runForever();

            assertEquals(List.of("after"), log);
            List<Throwable> thrown = captured.records.stream().map(LogRecord::getThrown).toList();
            assertEquals(List.of(inHandler, original), thrown);
        }
    }

    @Test
    void setExceptionHandlerNullRestoresTheDefault() {
        ExceptionHandler handler = (l, context) -> handled.add(context);
        loop.setExceptionHandler(handler);
        assertSame(handler, loop.getExceptionHandler());

        loop.setExceptionHandler(null);

        assertNull(loop.getExceptionHandler());
        try (CapturedLog captured = captureLoopLog()) {
            loop.callSoon(() -> {
                throw new IllegalStateException("to the log");
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, captured.records.size());
        }
        assertEquals(List.of(), handled);
    }

    @Test
    void anObserverThatThrowsReachesTheHandlerAndDoesNotDisturbTheTask() throws Exception {
        loop.setExceptionHandler((l, context) -> handled.add(context));
        IllegalStateException failure = new IllegalStateException("observer broke");
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void resumed(Task<?> task, double time) {
                throw failure;
            }
        });

        assertEquals("fine", loop.runUntilComplete(() -> sleep(0, "fine")));

        assertEquals(2, handled.size(), "one per step");
        assertSame(failure, handled.get(0).exception());
        assertNotNull(handled.get(0).future());
    }

    @Test
    void anObserverThatThrowsAnErrorDoesNotLoseTheTask() throws Exception {
        loop.setExceptionHandler((l, context) -> handled.add(context));
        AssertionError failure = new AssertionError("observer assertion");
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void resumed(Task<?> task, double time) {
                throw failure;
            }
        });

        assertEquals("fine", loop.runUntilComplete(() -> sleep(0, "fine")));

        assertSame(failure, handled.get(0).exception());
    }

    @Test
    void aTaskFailureNobodyRetrievedIsReportedOnceTheTaskIsGarbage() throws Exception {
        IOException failure = new IOException("never retrieved");
        try (LoopRunner runner = LoopRunner.start("gc-loop")) {
            runner.loop.setExceptionHandler((l, context) -> handled.add(context));
            // Created on the loop's thread; the test keeps no reference to the task.
            runner.loop.callSoonThreadsafe(() -> runner.loop.createTask(() -> {
                throw failure;
            }));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return !handled.isEmpty();
            });

            ErrorContext context = handled.get(0);
            assertSame(failure, context.exception());
            assertTrue(context.message().startsWith("Task exception was never retrieved: Task-"), context.message());
        }
    }

    @Test
    void aFutureFailureNobodyRetrievedIsReportedOnceTheFutureIsGarbage() throws Exception {
        IOException failure = new IOException("future never retrieved");
        try (LoopRunner runner = LoopRunner.start("gc-loop")) {
            runner.loop.setExceptionHandler((l, context) -> handled.add(context));
            runner.loop.callSoonThreadsafe(() -> runner.loop.createFuture().setException(failure));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return !handled.isEmpty();
            });

            assertSame(failure, handled.get(0).exception());
            assertEquals("Future exception was never retrieved", handled.get(0).message());
        }
    }
}
