package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ps PID} and {@code pstree PID} against other processes: the demo's {@code fork} running, a
 * JVM without aioloop, a process that is no JVM; and the {@code blocked} scenario's watchdog report.
 */
class LoopsIT {

    /**
     * Runs the demo's {@code command} against a {@code fork} started for it: from c1's start to c2's
     * end, 3 s, one of them at least sleeps in a frame of Fork.
     */
    private static List<String> againstAFork(String command) throws Exception {
        try (DemoProcess fork = DemoProcess.start("fork")) {
            fork.awaitLine(line -> line.contains(">>> c1"));
            try (DemoProcess attached = DemoProcess.run(command, Long.toString(fork.pid()))) {
                assertEquals(0, attached.awaitExit(), attached.report());
                assertEquals(List.of(), attached.err(), attached.report());
                return attached.out();
            }
        }
    }

    @Test
    void psShowsTheTasksOfARunningFork() throws Exception {
        List<String> out = againstAFork("ps");
        assertTrue(out.get(0).matches("loop +task +state +awaiting +where"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("Loop \\d+ \\('main'\\) +Task-\\d+ +sleeping until .* +- +"
                + "dev\\.aioloop\\.demo\\.Fork\\.lambda\\$c[12]\\$\\d+\\(Fork\\.java:\\d+\\)")), out.toString());
    }

    @Test
    void pstreeShowsTheAwaitTreesOfARunningFork() throws Exception {
        List<String> out = againstAFork("pstree");
        assertTrue(out.stream().anyMatch(l -> l.matches("Loop \\d+ in thread 'main'")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("[├└]── Task 'Task-\\d+' \\(sleeping until .*\\) at "
                + "dev\\.aioloop\\.demo\\.Fork\\.lambda\\$c[12]\\$.*")), out.toString());
    }

    @Test
    void aJvmWithoutAioloopOrAProcessThatIsNoJvmGetsOneLineAndStatusOne(@TempDir Path dir) throws Exception {
        Path idle = dir.resolve("Idle.java");
        Files.writeString(idle, "class Idle { public static void main(String[] a) throws Exception {"
                + " System.out.println(\"idle\"); Thread.sleep(60_000); } }");
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), idle.toString()).start();
        Process notJvm = new ProcessBuilder("sleep", "60").start();
        try {
            // The source launcher compiles first: ask once it runs.
            assertEquals("idle", jvm.inputReader().readLine());
            try (DemoProcess ps = DemoProcess.run("ps", Long.toString(jvm.pid()))) {
                assertEquals(1, ps.awaitExit(), ps.report());
                assertEquals(List.of(), ps.out(), ps.report());
                assertEquals(1, ps.err().size(), ps.report());
                assertTrue(ps.err().get(0).startsWith("ps: the Java process " + jvm.pid() + " runs no aioloop loop"), ps.report());
            }
            try (DemoProcess pstree = DemoProcess.run("pstree", Long.toString(notJvm.pid()))) {
                assertEquals(1, pstree.awaitExit(), pstree.report());
                assertEquals(1, pstree.err().size(), pstree.report());
                assertTrue(pstree.err().get(0).startsWith("pstree: PID " + notJvm.pid() + " is not a Java process"),
                        pstree.report());
            }
        } finally {
            jvm.destroyForcibly();
            notJvm.destroyForcibly();
        }
    }

    @Test
    void theBlockedScenarioNamesTheBlockingFrame() throws Exception {
        try (DemoProcess demo = DemoProcess.run("blocked")) {
            assertEquals(0, demo.awaitExit(), demo.report());
            assertEquals(5, demo.out().stream().filter(l -> l.startsWith("tick ")).count(), demo.report());
            String report = demo.err().stream().filter(l -> l.contains("Event loop blocked for ")).findFirst()
                    .orElseThrow(() -> new AssertionError(demo.report()));
            // Debug mode's watchdog: its threshold is 1 s, and it ticks every 0.1 s.
            assertTrue(report.matches("WARNING: Event loop blocked for 1\\.[01]\\d\\d seconds \\(threshold 1\\.000\\) .*"), demo.report());
            assertTrue(report.contains(", at dev.aioloop.demo.Blocked.readConfigTheOldWay(Blocked.java:"), demo.report());
            assertTrue(demo.err().stream().anyMatch(l -> l.matches("WARNING: Executing <TimerHandle\\[.*\\]> took 1\\.5\\d\\d seconds")),
                    demo.report());
        }
    }
}
