package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.management.LoopsMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** loop.dumpTasks(), captureCallGraph/formatCallGraph, the await trees and the Loops MBean. */
class TaskDumpTest extends AbstractLoopTest {
    private final List<Task<?>> made = new ArrayList<>();

    // Each task body is a named method, so that the frame it waits in can be told.
    static Void sleepsLong() {
        Asyncio.sleep(30);
        return null;
    }

    static Void awaitsForever(Future<?> f) throws Exception {
        f.await();
        return null;
    }

    static Void yieldsOnce() {
        Asyncio.sleep(0);
        Asyncio.sleep(30);
        return null;
    }

    private Task<?> task(Coroutine<?> body, String name) {
        Task<?> t = loop.createTask(body, name);
        made.add(t);
        return t;
    }

    private void cancelAll() {
        for (Task<?> t : made) {
            t.cancel();
        }
    }

    /** The lines of {@code dump} from the one naming {@code task} up to the next task's. */
    private static String part(String dump, String task) {
        int from = dump.indexOf("  Task '" + task + "': ");
        assertTrue(from >= 0, task + " is missing from:\n" + dump);
        int to = dump.indexOf("\n  Task '", from + 1);
        return dump.substring(from, to < 0 ? dump.length() : to + 1);
    }

    @Test
    void theDumpNamesEachStateAndTheFrameEachTaskWaitsIn() throws Exception {
        Future<Object> never = loop.createFuture();
        Task<?> sleeper = task(TaskDumpTest::sleepsLong, "sleeper");
        task(() -> awaitsForever(never), "waiter");
        task(() -> awaitsForever(sleeper), "awaiter");
        task(TaskDumpTest::yieldsOnce, "yielder");
        task(() -> 42, "quick");
        Task<String> dumper = loop.createTask(() -> {
            task(TaskDumpTest::sleepsLong, "fresh");
            return loop.dumpTasks();
        }, "dumper");
        String dump = loop.runUntilComplete(dumper);
        assertTrue(Pattern.compile("^Loop \\d+ in thread '.+': 6 tasks not done, 1 done\n").matcher(dump).find(), dump);
        String sleeping = part(dump, "sleeper");
        assertTrue(sleeping.matches("(?s)  Task 'sleeper': sleeping until \\d+\\.\\d{3} \\(in \\d+\\.\\d{3} s\\)\n"
                + "      at dev\\.aioloop\\.TaskDumpTest\\.sleepsLong\\(TaskDumpTest\\.java:\\d+\\)\n.*"), sleeping);
        String waiting = part(dump, "waiter");
        assertTrue(waiting.startsWith("  Task 'waiter': awaiting Future@"), waiting);
        assertTrue(waiting.contains("\n      at dev.aioloop.TaskDumpTest.awaitsForever(TaskDumpTest.java:"), waiting);
        String awaiting = part(dump, "awaiter");
        assertTrue(awaiting.startsWith("  Task 'awaiter': awaiting Task 'sleeper'\n"
                + "      at dev.aioloop.TaskDumpTest.awaitsForever("), awaiting);
        String ready = part(dump, "yielder");
        assertTrue(ready.startsWith("  Task 'yielder': ready\n      at dev.aioloop.TaskDumpTest.yieldsOnce("), ready);
        assertTrue(part(dump, "fresh").startsWith("  Task 'fresh': ready, not started\n"), dump);
        String running = part(dump, "dumper");
        assertTrue(running.startsWith("  Task 'dumper': running\n      at dev.aioloop.TaskDumpTest.lambda$"), running);
        assertTrue(!dump.contains("Task 'quick'"), "a done task is only counted: " + dump);
        // aioloop's own frames are left out: the await machinery, the continuation's entry.
        assertTrue(!dump.contains("dev.aioloop.Task.") && !dump.contains("jdk.internal.vm."), dump);
        cancelAll();
    }

    @Test
    void aCallGraphLinksTheAwaitersUpward() throws Exception {
        Future<Object> never = loop.createFuture();
        Task<?> c = task(() -> awaitsForever(never), "C");
        Task<?> b = task(() -> awaitsForever(c), "B");
        Task<?> a = task(() -> awaitsForever(b), "A");
        CallGraph[] graph = new CallGraph[1];
        String text = loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            graph[0] = Asyncio.captureCallGraph(c);
            return Asyncio.formatCallGraph(c);
        });
        CallGraph g = graph[0];
        assertSame(c, g.future());
        assertEquals("awaitsForever", g.frames().get(0).getMethodName());
        assertEquals(1, g.awaitedBy().size());
        assertSame(b, g.awaitedBy().get(0).future());
        assertSame(a, g.awaitedBy().get(0).awaitedBy().get(0).future());
        assertEquals(List.of(), g.awaitedBy().get(0).awaitedBy().get(0).awaitedBy());
        assertTrue(text.startsWith("* Task 'C' (awaiting Future@"), text);
        int cAt = text.indexOf("* Task 'C'");
        int bAt = text.indexOf("     * Task 'B' (awaiting Task 'C')");
        int aAt = text.indexOf("          * Task 'A' (awaiting Task 'B')");
        assertTrue(cAt < bAt && bAt < aAt, text);
        assertTrue(text.contains("  + Call stack:\n  |   at dev.aioloop.TaskDumpTest.awaitsForever("), text);
        assertTrue(text.contains("  + Awaited by:\n"), text);
        cancelAll();
    }

    @Test
    void aGatherAwaitedByATaskShowsItsChildren() throws Exception {
        Task<?> one = task(TaskDumpTest::sleepsLong, "one");
        Task<?> two = task(TaskDumpTest::sleepsLong, "two");
        Task<?> parent = task(() -> Asyncio.gather(one, two).await(), "parent");
        String[] out = new String[2];
        loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            out[0] = TaskDump.trees(loop, "trees");
            out[1] = Asyncio.formatCallGraph(one);
            return null;
        });
        String trees = out[0];
        // The task running the check is a root too, listed after the parent: hence the parent's "├──".
        assertTrue(trees.contains("├── Task 'parent' (awaiting gather of 2) at dev.aioloop.TaskDumpTest.lambda$"), trees);
        assertTrue(Pattern.compile("\n│   └── gather of 2 \\(pending\\)\n"
                + "│       ├── Task 'one' \\(sleeping until [^)]*\\)\\) at dev\\.aioloop\\.TaskDumpTest\\.sleepsLong\\([^\n]*\n"
                + "│       └── Task 'two' ").matcher(trees).find(), trees);
        assertTrue(trees.contains("└── Task 'Task-4' (running)"), trees);
        String graph = out[1];
        assertTrue(graph.indexOf("* Task 'one'") < graph.indexOf("* gather of 2")
                && graph.indexOf("* gather of 2") < graph.indexOf("* Task 'parent'"), graph);
        parent.cancel();
        cancelAll();
    }

    @Test
    void aTaskGroupsChildIsAwaitedByTheTaskRunningTheGroup() throws Exception {
        CallGraph[] graph = new CallGraph[1];
        Task<Object> parent = loop.createTask(() -> Asyncio.taskGroup(g -> {
            g.createTask(() -> {
                graph[0] = Asyncio.captureCallGraph(Asyncio.currentTask());
                return null;
            }, "child");
            return null;
        }), "parent");
        loop.runUntilComplete(parent);
        assertEquals("running", graph[0].state());
        assertEquals(1, graph[0].awaitedBy().size());
        assertSame(parent, graph[0].awaitedBy().get(0).future());
        assertTrue(graph[0].toString().startsWith("* Task 'child' (running)\n  + Call stack:\n  |   at dev.aioloop.TaskDumpTest.lambda$"),
                graph[0].toString());
    }

    @Test
    void theMBeanAnswersFromAnotherThreadWhileTheLoopRuns() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(LoopsMXBean.OBJECT_NAME);
        LiveLoops.awaitSetUp();
        assertTrue(server.isRegistered(name), "the first loop of the JVM registers it");
        task(TaskDumpTest::sleepsLong, "sleeper");
        Task<Object[]> asking = loop.createTask(() -> Asyncio.toThread(() -> new Object[] {
                server.invoke(name, "taskTable", null, null),
                server.invoke(name, "dumpTasks", null, null),
                server.invoke(name, "formatAwaitTrees", null, null)}), "asker");
        made.add(asking);
        Object[] answers = loop.runUntilComplete(asking);
        String[][] table = (String[][]) answers[0];
        assertEquals(List.of("loop", "task", "state", "awaiting", "where"), Arrays.asList(table[0]));
        String[] sleeper = Arrays.stream(table).filter(r -> r[1].equals("sleeper")).findFirst().orElseThrow();
        assertTrue(sleeper[2].startsWith("sleeping until "), Arrays.toString(sleeper));
        assertTrue(sleeper[4].startsWith("dev.aioloop.TaskDumpTest.sleepsLong("), Arrays.toString(sleeper));
        String[] asker = Arrays.stream(table).filter(r -> r[1].equals("asker")).findFirst().orElseThrow();
        assertTrue(asker[2].startsWith("awaiting "), Arrays.toString(asker));
        assertTrue(((String) answers[1]).contains("  Task 'sleeper': sleeping until "), (String) answers[1]);
        assertTrue(((String) answers[2]).contains("── Task 'asker' (awaiting "), (String) answers[2]);
        cancelAll();
    }

    @Test
    void aLoopNoThreadRunsIsListedAsNotRunning() throws Exception {
        LiveLoops.awaitSetUp();
        task(TaskDumpTest::sleepsLong, "sleeper");
        String[][] table = (String[][]) ManagementFactory.getPlatformMBeanServer()
                .invoke(new ObjectName(LoopsMXBean.OBJECT_NAME), "taskTable", null, null);
        String number = "Loop " + LiveLoops.numberOf(loop);
        assertTrue(Arrays.stream(table).anyMatch(r -> r[0].equals(number) && r[2].equals("not running")),
                Arrays.deepToString(table));
        cancelAll();
    }
}
