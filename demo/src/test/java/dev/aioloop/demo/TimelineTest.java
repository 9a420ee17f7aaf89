package dev.aioloop.demo;

import static dev.aioloop.Asyncio.async;
import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.ensureFuture;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
    @Test
    void recordsEachTaskFromCreationThroughItsStepsToItsEnd() throws Exception {
        Loop loop = Asyncio.newEventLoop();
        Timeline timeline = new Timeline();
        timeline.watch(loop);
        try {
            loop.runUntilComplete(loop.createTask(async(() -> {
                ensureFuture(async(() -> sleep(60))).setName("forever");
                Task<Void> child = ensureFuture(async(() -> sleep(0)));
                child.setName("child");
                sleep(0);
                await(child);
            }), "parent"));
        } finally {
            loop.close();
        }

        List<TaskLife> lives = timeline.lives();
        assertEquals(List.of("parent", "forever", "child"), lives.stream().map(TaskLife::name).toList());
        TaskLife parent = lives.get(0);
        TaskLife forever = lives.get(1);
        TaskLife child = lives.get(2);
        // parent: up to sleep(0), up to await(child), then its end; child: up to sleep(0), then its end.
        assertEquals(3, parent.steps().size());
        assertEquals(2, child.steps().size());
        assertEquals(1, forever.steps().size());
        assertTrue(parent.ended() && child.ended());
        assertFalse(forever.ended(), "still asleep when the loop stopped");
        assertTrue(parent.created() <= child.created() && child.done() <= parent.done());
        for (TaskLife life : lives) {
            double previousEnd = life.created();
            for (TaskLife.Step step : life.steps()) {
                assertTrue(previousEnd <= step.start() && step.start() <= step.end(), life.toString());
                previousEnd = step.end();
            }
            if (life.ended()) {
                assertEquals(previousEnd, life.done(), "a task ends with its last step");
            }
        }
    }
}
