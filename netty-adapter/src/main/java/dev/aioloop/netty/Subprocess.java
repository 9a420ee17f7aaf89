package dev.aioloop.netty;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import java.io.IOException;
import java.util.Arrays;

/**
 * A child process started from a task, with its standard input, output and error as asyncio
 * streams: asyncio's {@code asyncio.subprocess.Process}, from {@link #createSubprocessExec} or
 * {@link #createSubprocessShell}.
 *
 * <pre>{@code
 * Subprocess child = Subprocess.createSubprocessExec("sort");
 * Subprocess.Output out = child.communicate("b\na\n".getBytes(UTF_8));
 * // out.stdout() is "a\nb\n", child.returncode() is 0
 * }</pre>
 *
 * <p>The three streams are always pipes (asyncio's {@code PIPE}): read {@link #stdout()} and
 * {@link #stderr()}, or use {@link #communicate}, since a child whose output nobody reads stops
 * once twice the readers' limit is unread. The JDK gives a child's pipes as blocking streams, with
 * no descriptor for Netty's event loop to watch, so each pipe has a daemon thread of its own that
 * blocks in its reads or writes and hands the bytes to the loop ({@link Loop#callSoonThreadsafe}):
 * two threads per child from the start, a third at the first write to its input. The exit is
 * seen by the JDK's process reaper, with no thread of ours.
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public final class Subprocess {
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final Future<Integer> exit;
    private Integer returncode;

    private Subprocess(Loop loop, Process process) {
        this.process = process;
        String name = "aioloop-subprocess-" + process.pid();
        this.stdin = new StreamWriter(new PipeWriter(loop, process.getOutputStream(), name + "-stdin"));
        this.stdout = PipeReader.start(loop, process.getInputStream(), Streams.DEFAULT_LIMIT, name + "-stdout");
        this.stderr = PipeReader.start(loop, process.getErrorStream(), Streams.DEFAULT_LIMIT, name + "-stderr");
        this.exit = loop.createFuture();
        process.onExit().thenRun(() -> {
            try {
                loop.callSoonThreadsafe(this::exited);
            } catch (IllegalStateException closed) {
                // The loop closed first: nobody is left to wait.
            }
        });
    }

    /**
     * Starts {@code command} (the program, then its arguments, no shell) from the running loop:
     * asyncio's {@code create_subprocess_exec}. The program is looked for on the {@code PATH}.
     *
     * @throws IOException if the program cannot be started (it does not exist, or may not be run)
     * @throws IllegalStateException outside a task
     */
    public static Subprocess createSubprocessExec(String... command) throws IOException {
        if (command == null || command.length == 0 || Arrays.asList(command).contains(null)) {
            throw new IllegalArgumentException("createSubprocessExec(" + (command == null ? "null"
                    : Arrays.toString(command)) + "): give the program and its arguments, e.g. (\"ls\", \"-l\")");
        }
        Loop loop = Asyncio.getRunningLoop();
        return new Subprocess(loop, new ProcessBuilder(command).start());
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c} from the running loop: asyncio's
     * {@code create_subprocess_shell}. A command the shell cannot find makes the shell exit 127.
     *
     * @throws IOException if the shell cannot be started
     * @throws IllegalStateException outside a task
     */
    public static Subprocess createSubprocessShell(String command) throws IOException {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("createSubprocessShell(" + (command == null ? "null" : "\"" + command + "\"")
                    + "): give the shell command line to run, e.g. \"ls -l | wc -l\"");
        }
        return createSubprocessExec("/bin/sh", "-c", command);
    }

    /** What {@link #communicate} read from the child. */
    public record Output(byte[] stdout, byte[] stderr) {
    }

    /** The child's standard input. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The child's standard output. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The child's standard error. */
    public StreamReader stderr() {
        return stderr;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * The exit status once the loop has seen the exit; null before. A child ended by a signal has
     * the JDK's {@code 128 + signal} (137 for {@link #kill()}), where asyncio gives {@code -signal}.
     */
    public Integer returncode() {
        return returncode;
    }

    /** Waits for the child to exit and returns its exit status ({@link #returncode()}). */
    public int waitFor() throws Exception {
        return exit.await();
    }

    /**
     * Sends {@code input} (null for none) to the child's standard input and closes it, reads its
     * standard output and error to their ends, and waits for it to exit: asyncio's
     * {@code communicate}. A child that exits without reading all of its input is no error.
     */
    public Output communicate(byte[] input) throws Exception {
        Task<Void> feeding = Asyncio.createTask(() -> {
            try {
                if (input != null) {
                    stdin.write(input);
                    stdin.drain();
                }
            } catch (IOException brokenPipe) {
                // The child did not want the rest, as asyncio's communicate() ignores.
            } finally {
                stdin.close();
            }
        });
        Task<byte[]> out = Asyncio.createTask(() -> stdout.read(-1));
        Task<byte[]> err = Asyncio.createTask(() -> stderr.read(-1));
        Asyncio.gather(feeding, out, err).await();
        waitFor();
        return new Output(out.result(), err.result());
    }

    /** Asks the child to end: SIGTERM. Nothing once it has exited. */
    public void terminate() {
        process.destroy();
    }

    /** Ends the child: SIGKILL. Nothing once it has exited. */
    public void kill() {
        process.destroyForcibly();
    }

    private void exited() {
        returncode = process.exitValue();
        exit.setResult(returncode);
    }

    @Override
    public String toString() {
        return "Subprocess[pid " + process.pid() + (returncode != null ? ", returncode " + returncode : ", running")
                + "]";
    }
}
