package dev.aioloop;

import static dev.aioloop.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.aioloop.queues.Queue;
import dev.aioloop.queues.QueueShutDown;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's example combining TaskGroup, Queue and timeouts, with a fetch that never leaves the loop. */
class ReadmeCrawlTest {

    private static Coroutine<String> fetch(String url) {
        return () -> url.startsWith("slow") ? sleep(30, "never") : sleep(0, "page " + url);
    }

    private static Coroutine<List<String>> crawl(List<String> urls, double perFetch, double overall) {
        return () -> {
            Queue<String> todo = new Queue<>(2);
            List<String> pages = new ArrayList<>();
            timeout(overall, () -> taskGroup(g -> {
                for (int i = 0; i < 4; i++) {
                    g.createTask(() -> {
                        try {
                            while (true) {
                                String url = todo.get();
                                try {
                                    pages.add(waitFor(fetch(url), perFetch));
                                } catch (TimeoutError slow) {
                                    // skip it
                                } finally {
                                    todo.taskDone();
                                }
                            }
                        } catch (QueueShutDown done) {
                            // no more URLs: this worker ends
                        }
                    });
                }
                for (String url : urls) {
                    todo.put(url);
                }
                todo.join();
                todo.shutdown(false);
            }));
            return pages;
        };
    }

    @Test
    void everyFastPageIsFetchedAndTheSlowOneSkipped() throws Exception {
        // A second per fetch: far more than a fast one needs even on a loaded machine.
        List<String> pages = run(crawl(List.of("a", "b", "slow", "c", "d", "e"), 1.0, 30));
        assertEquals(List.of("page a", "page b", "page c", "page d", "page e"), pages.stream().sorted().toList());
    }

    @Test
    void theOverallTimeoutCancelsTheWorkers() {
        assertThrows(TimeoutError.class, () -> run(crawl(List.of("slow1", "slow2"), 30, 0.02)));
    }
}
