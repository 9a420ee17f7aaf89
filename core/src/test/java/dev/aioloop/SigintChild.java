package dev.aioloop;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link SigintTest} in a JVM of its own: the notebook's Ctrl-C on the real main thread. The
 * loop waits for a gate with no timer ({@code forever}, woken from an unbounded wait) or with a
 * sleeping task's timer ({@code until}); a SIGINT ends the run; the task then resumes in a second run.
 */
public final class SigintChild {
    private SigintChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean untilComplete = args.length > 0 && args[0].equals("until");
        Loop loop = Asyncio.getEventLoop();
        say("main thread loop " + (loop == Asyncio.getEventLoop()));
        say("SIGINT ignored " + sigintIgnored());
        Future<String> gate = loop.createFuture();
        Task<String> task = loop.createTask(() -> {
            say("waiting");
            return "resumed with " + Asyncio.await(gate);
        });
        if (untilComplete) {
            loop.createTask(Asyncio.async(() -> Asyncio.sleep(3600)));
        }
        try {
            if (untilComplete) {
                loop.runUntilComplete(task);
            } else {
                loop.runForever();
            }
            say("the run returned");
        } catch (KeyboardInterrupt e) {
            say("KeyboardInterrupt");
        }
        say("closed " + loop.isClosed());
        say("running " + loop.isRunning());
        say("task done " + task.done());
        say("task still in the loop " + loop.liveTasks().contains(task));
        gate.setResult("go");
        say(loop.runUntilComplete(task));
        say("outside runs");
        // The second SIGINT, outside any run, must end the JVM the default way; stdin never closes.
        System.in.read();
        say("stdin closed");
    }

    /** Whether the JVM was started with SIGINT ignored (then no handler can see it), as far as Linux tells. */
    private static String sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return Boolean.toString((mask & (1L << (2 - 1))) != 0);
            }
        }
        return "unknown";
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
