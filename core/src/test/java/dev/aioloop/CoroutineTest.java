package dev.aioloop;

import static dev.aioloop.Asyncio.allTasks;
import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** await: of a coroutine inline, of a future by suspending; exceptions; control flow across awaits. */
class CoroutineTest extends AbstractLoopTest {

    @Test
    void awaitingACoroutineRunsItInTheCurrentTask() throws Exception {
        boolean sameTask = loop.runUntilComplete(() -> {
            Task<?> outer = currentTask();
            int tasksBefore = allTasks().size();
            Task<?> inner = await(() -> {
                assertEquals(tasksBefore, allTasks().size(), "no task was created for the inner coroutine");
                return currentTask();
            });
            return inner == outer;
        });
        assertTrue(sameTask);
    }

    @Test
    void awaitingACoroutineThatDoesNotSuspendDoesNotYieldToOtherTasks() throws Exception {
        Task<Void> other = loop.createTask(async(() -> log.add("other")));
        Task<Void> main = loop.createTask(async(() -> {
            log.add("main before");
            await(async(() -> log.add("inline")));
            log.add("main after");
        }));
        // other was created first, so it runs first; main's inline await does not let it in between.
        loop.runUntilComplete(Asyncio.gather(other, main));
        assertEquals(List.of("other", "main before", "inline", "main after"), log);
    }

    @Test
    void awaitingAPendingFutureSuspendsTheTaskAndOtherWorkRunsMeanwhile() throws Exception {
        Future<String> future = loop.createFuture();
        Task<String> waiter = loop.createTask(() -> {
            log.add("awaiting");
            String value = await(future);
            log.add("got " + value);
            return value;
        });
        loop.callSoon(() -> log.add("callback while suspended"));
        loop.callSoon(() -> loop.callSoon(() -> {
            log.add("setting");
            future.setResult("v");
        }));

        assertEquals("v", loop.runUntilComplete(waiter));
        assertEquals(List.of("awaiting", "callback while suspended", "setting", "got v"), log);
    }

    @Test
    void aTaskResumesOnTheLoopsThread() throws Exception {
        Thread runner = Thread.currentThread();
        Thread resumedOn = loop.runUntilComplete(() -> {
            sleep(0.01);
            return Thread.currentThread();
        });
        assertSame(runner, resumedOn);
    }

    @Test
    void awaitingADoneFutureReturnsAtOnce() throws Exception {
        Future<String> done = loop.createFuture();
        done.setResult("ready");
        loop.createTask(async(() -> log.add("other task")));
        loop.runUntilComplete(() -> {
            log.add("got " + await(done));
            return null;
        });
        assertEquals(List.of("other task", "got ready"), log);
    }

    @Test
    void aCheckedExceptionIsRethrownAtTheAwaitAsTheSameObject() throws Exception {
        IOException failure = new IOException("disk on fire");
        Task<String> failing = loop.createTask(() -> {
            sleep(0);
            throw failure;
        });
        Throwable caught = loop.runUntilComplete(() -> {
            try {
                await(failing);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertSame(failure, caught);
    }

    @Test
    void aFutureFailureIsRethrownAtTheAwaitAsTheSameObject() throws Exception {
        IOException failure = new IOException("late failure");
        Future<String> future = loop.createFuture();
        loop.callSoon(() -> future.setException(failure));
        Throwable caught = loop.runUntilComplete(() -> {
            try {
                await(future);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertSame(failure, caught);
    }

    @Test
    void anExceptionThrownByAnAwaitedCoroutineIsTheSameObject() throws Exception {
        IOException failure = new IOException("inner");
        Throwable caught = loop.runUntilComplete(() -> {
            try {
                await(() -> {
                    sleep(0);
                    throw failure;
                });
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertSame(failure, caught);
    }

    @Test
    void runUntilCompleteRethrowsATaskFailureAsTheSameCheckedObject() {
        IOException failure = new IOException("out");
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(() -> {
            sleep(0);
            throw failure;
        }));
        assertSame(failure, thrown);
    }

    @Test
    void tryCatchFinallyWorkAcrossAwaits() throws Exception {
        loop.runUntilComplete(async(() -> {
            try {
                log.add("try");
                sleep(0.005);
                throw new IOException("thrown after an await");
            } catch (IOException e) {
                log.add("catch " + e.getMessage());
                sleep(0);
                log.add("catch resumed");
            } finally {
                sleep(0);
                log.add("finally");
            }
        }));
        assertEquals(List.of("try", "catch thrown after an await", "catch resumed", "finally"), log);
    }

    @Test
    void loopsAndLocalsSurviveAwaits() throws Exception {
        int total = loop.runUntilComplete(() -> {
            int sum = 0;
            for (int i = 1; i <= 10; i++) {
                sleep(0);
                sum += i;
            }
            return sum;
        });
        assertEquals(55, total);
    }

    @Test
    void awaitOutsideATaskIsRefusedNamingHowToRunIt() {
        Future<String> future = loop.createFuture();
        IllegalStateException onFuture = assertThrows(IllegalStateException.class, () -> await(future));
        IllegalStateException onCoroutine = assertThrows(IllegalStateException.class, () -> await(() -> 1));
        for (IllegalStateException e : List.of(onFuture, onCoroutine)) {
            assertTrue(e.getMessage().startsWith("await() must be called inside a task"), e.getMessage());
            assertTrue(e.getMessage().contains("runUntilComplete"), e.getMessage());
        }
    }

    @Test
    void awaitInAPlainCallbackIsRefused() {
        Future<String> future = loop.createFuture();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        loop.callSoon(() -> {
            thrown.set(assertThrows(IllegalStateException.class, () -> await(future)));
            loop.stop();
        });
        loop.runForever();
        assertTrue(thrown.get().getMessage().startsWith("await() must be called inside a task"));
    }

    @Test
    void aTaskAwaitingItselfGetsAnErrorAtTheAwait() throws Exception {
        String message = loop.runUntilComplete(() -> {
            try {
                await(currentTask());
                return "awaited itself";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertEquals("A task cannot await itself: it would never finish", message);
    }

    @Test
    void awaitingAFutureOfAnotherLoopIsRefused() throws Exception {
        Loop other = newEventLoop();
        try {
            Future<String> foreign = other.createFuture();
            String message = loop.runUntilComplete(() -> {
                try {
                    await(foreign);
                    return "awaited";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });
            assertTrue(message.contains("another loop"), message);
        } finally {
            other.close();
        }
    }

    @Test
    void awaitNullIsRefused() throws Exception {
        String message = loop.runUntilComplete(() -> {
            try {
                await((Awaitable<Object>) null);
                return "awaited";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        assertTrue(message.startsWith("await(null)"), message);
    }

    @Test
    void aCoroutineIsAFunctionThatCanBeAwaitedTwice() throws Exception {
        Coroutine<Integer> twice = () -> {
            sleep(0);
            log.add("ran");
            return 1;
        };
        int sum = loop.runUntilComplete(() -> await(twice) + await(twice));
        assertEquals(2, sum);
        assertEquals(List.of("ran", "ran"), log);
    }

    @Test
    void aTaskCanAwaitInsideASynchronizedBlockAndResumesHoldingTheMonitor() throws Exception {
        // Since JDK 24 a monitor held on the continuation's stack no longer pins it.
        Object lock = new Object();
        Future<String> pending = loop.createFuture();
        loop.callSoon(() -> loop.callSoon(() -> pending.setResult("set meanwhile")));
        String outcome = loop.runUntilComplete(() -> {
            synchronized (lock) {
                String value = await(pending);
                return value + ", lock held " + Thread.holdsLock(lock);
            }
        });
        assertEquals("set meanwhile, lock held true", outcome);
    }

    @Test
    void anErrorThrownInATaskFailsTheTaskNotTheLoop() throws Exception {
        StackOverflowError error = new StackOverflowError("deep");
        Task<Object> failing = loop.createTask(() -> {
            throw error;
        });
        Task<String> after = loop.createTask(() -> sleep(0, "still running"));
        loop.runUntilComplete(Asyncio.gather(true, failing, after));
        assertSame(error, failing.exception());
        assertEquals("still running", after.result());
    }
}
