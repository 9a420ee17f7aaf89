package dev.aioloop;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void fork() throws Exception {
        List<String> log = new ArrayList<>();
        Loop loop = newEventLoop();
        setEventLoop(loop);
        Coroutine<Void> c2 = async(() -> { log.add(">>> c2 " + Math.round(loop.time())); sleep(0.2); log.add("<<< c2"); loop.stop(); });
        Coroutine<Void> c1 = async(() -> { log.add(">>> c1"); sleep(0.1); ensureFuture(c2); sleep(0.1); log.add("<<< c1"); });
        ensureFuture(c1);
        loop.runForever();
        assertEquals(List.of(">>> c1", ">>> c2 " + Math.round(loop.time()), "<<< c1", "<<< c2"), log);
        assertEquals(3, (int) loop.runUntilComplete(() -> { sleep(0.01); return 3; }));
        loop.close();
        setEventLoop(null);
    }
}
