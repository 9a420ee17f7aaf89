package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One rule for work pending at close, as asyncio's: close() discards it, thread-safe callbacks
 * accepted before the close included, and a discarded handle says so; after the close, a thread-safe
 * callback is refused. And stop() from another thread between runs.
 */
class CloseTest extends AbstractLoopTest {

    @Test
    void aThreadsafeCallbackAcceptedBeforeCloseIsDiscardedAndItsHandleSaysSo() throws Exception {
        loop.runUntilComplete(() -> null);   // binds the loop to this thread, its owner
        AtomicInteger ran = new AtomicInteger();
        Handle handle = CompletableFuture.supplyAsync(() -> loop.callSoonThreadsafe(ran::incrementAndGet))
                .get(10, TimeUnit.SECONDS);
        assertFalse(handle.cancelled());

        loop.close();

        assertTrue(handle.cancelled(), "the close discarded the callback: its handle must say so");
        assertEquals(0, ran.get());
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(ran::incrementAndGet));
    }

    @Test
    void aCallbackFromTheOwnersThreadIsDiscardedByCloseToo() {
        AtomicInteger ran = new AtomicInteger();
        Handle soon = loop.callSoon(ran::incrementAndGet);
        Handle threadsafe = loop.callSoonThreadsafe(ran::incrementAndGet);

        loop.close();

        assertTrue(soon.cancelled());
        assertTrue(threadsafe.cancelled());
        assertEquals(0, ran.get());
    }

    @Test
    void stopFromAnotherThreadBetweenRunsMakesTheNextRunDoOneIteration() throws Exception {
        loop.runUntilComplete(() -> null);
        CompletableFuture.runAsync(loop::stop).get(10, TimeUnit.SECONDS);
        AtomicInteger ran = new AtomicInteger();
        loop.callSoon(() -> {
            ran.incrementAndGet();
            loop.callSoon(ran::incrementAndGet);   // the next iteration's, which the stop skips
        });

        loop.runForever();

        assertEquals(1, ran.get());
    }
}
