package dev.aioloop;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A new loop for each test, closed after it, and a log of what the test's callbacks saw. */
abstract class AbstractLoopTest {
    protected Loop loop;
    protected final List<String> log = new ArrayList<>();

    @BeforeEach
    void newLoop() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }
}
