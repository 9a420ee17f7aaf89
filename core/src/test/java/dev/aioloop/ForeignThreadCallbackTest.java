package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A future's callbacks belong to its loop's thread; thread-safe calls keep FIFO order on the owner's. */
class ForeignThreadCallbackTest extends AbstractLoopTest {
    @Test
    void addDoneCallbackFromAnotherThreadWhileTheLoopRunsIsRefused() throws Exception {
        Future<String> future = loop.createFuture();
        future.setResult("done");
        CompletableFuture<Throwable> refusal = new CompletableFuture<>();
        loop.callSoon(() -> Thread.ofPlatform().start(() -> {
            try {
                future.addDoneCallback(f -> log.add("ran on the wrong thread"));
                refusal.complete(null);
            } catch (Throwable e) {
                refusal.complete(e);
            }
            loop.stop();
        }));

        loop.runForever();

        Throwable e = refusal.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof IllegalStateException, "expected a refusal, got " + e);
        assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
        assertEquals(List.of(), log);
    }

    @Test
    void betweenRunsTheOwnersThreadsafeCallbackKeepsItsPlaceBeforeALaterCallSoon() throws Exception {
        loop.runUntilComplete(() -> null);

        loop.callSoonThreadsafe(() -> log.add("threadsafe"));
        loop.callSoon(() -> log.add("soon"));
        loop.callSoon(loop::stop);
        loop.runForever();

        assertEquals(List.of("threadsafe", "soon"), log);
    }
}
