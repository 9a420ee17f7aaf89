package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Task names are numbered per loop, with no count shared by every loop. */
class TaskNamesTest extends AbstractLoopTest {

    @Test
    void eachLoopNumbersItsOwnTasksFromOne() throws Exception {
        Loop other = Asyncio.newEventLoop();
        try {
            Task<Void> firstHere = loop.createTask(() -> null);
            Task<Void> secondHere = loop.createTask(() -> null);
            Task<Void> firstThere = other.createTask(() -> null);
            loop.runUntilComplete(secondHere);
            other.runUntilComplete(firstThere);

            assertEquals("Task-1", firstHere.getName());
            assertEquals("Task-2", secondHere.getName());
            assertEquals("Task-1", firstThere.getName());
        } finally {
            other.close();
        }
    }
}
