package dev.aioloop.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak check itself: a buffer dropped unreleased must be reported, or the check proves nothing. */
class LeakCheckTest {
    @Test
    void aBufferDroppedUnreleasedIsReported() {
        LeakCheck.takeLeaks();
        leakOne();
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            LeakCheck.collectLeaks();
            seen.addAll(LeakCheck.takeLeaks());
            return !seen.isEmpty();
        });
        assertTrue(seen.get(0).contains("ByteBuf"), seen.get(0));
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(32);
        leaked.writeInt(42);
    }
}
