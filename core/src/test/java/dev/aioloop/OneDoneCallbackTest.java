package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A future with exactly one done callback waits in the ready queue itself until that callback runs:
 * the callback keeps asyncio's place in line, its removal once the future is done does not stop it,
 * and what it throws reaches the exception handler with the future.
 */
class OneDoneCallbackTest extends AbstractLoopTest {

    private void runOneIterationAfterAnother(int iterations) {
        for (int i = 0; i < iterations; i++) {
            loop.stop();
            loop.runForever();
        }
    }

    @Test
    void theCallbackRunsAfterWhatWasReadyBeforeTheCompletionAndBeforeWhatCameAfter() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(done -> log.add("done callback"));
        loop.callSoon(() -> {
            loop.callSoon(() -> log.add("scheduled before"));
            f.setResult("v");
            loop.callSoon(() -> log.add("scheduled after"));
        });

        runOneIterationAfterAnother(3);

        assertEquals(List.of("scheduled before", "done callback", "scheduled after"), log);
    }

    @Test
    void removingTheCallbackOnceTheFutureIsDoneDoesNotStopIt() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> callback = done -> log.add("ran");
        f.addDoneCallback(callback);
        f.setResult("v");

        assertEquals(0, f.removeDoneCallback(callback));
        runOneIterationAfterAnother(2);

        assertEquals(List.of("ran"), log);
    }

    @Test
    void aFailingCallbackReachesTheHandlerWithTheFutureAndTheLoopGoesOn() {
        List<ErrorContext> errors = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> errors.add(context));
        Future<String> f = loop.createFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        f.addDoneCallback(done -> {
            throw boom;
        });
        f.setResult("v");
        loop.callSoon(() -> log.add("next callback"));

        runOneIterationAfterAnother(2);

        assertEquals(1, errors.size());
        assertSame(boom, errors.get(0).exception());
        assertSame(f, errors.get(0).future());
        assertEquals(List.of("next callback"), log);
    }

    @Test
    void aTaskWithOneDoneCallbackRunsItOnceAndIsNotSteppedAgain() throws Exception {
        int[] resumed = new int[1];
        loop.setTaskObserver(new TaskObserver() {
            @Override
            public void resumed(Task<?> task, double time) {
                resumed[0]++;
            }
        });
        Task<Integer> task = loop.createTask(() -> 5);
        task.addDoneCallback(done -> log.add("task gave " + done.result()));

        runOneIterationAfterAnother(3);

        assertEquals(List.of("task gave 5"), log);
        assertEquals(1, resumed[0]);
    }
}
