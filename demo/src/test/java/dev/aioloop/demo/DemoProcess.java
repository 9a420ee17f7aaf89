package dev.aioloop.demo;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built demo jar running in a process of its own, started with {@code java -jar} by the JDK
 * that runs the tests (the build's JDK 25 toolchain); its output is collected line by line.
 */
final class DemoProcess implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("demo.jar", "target/aioloop-demo.jar"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private DemoProcess(Process process) {
        this.process = process;
        outReader = collect(process.getInputStream(), out);
        errReader = collect(process.getErrorStream(), err);
    }

    static DemoProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (Sigint.ignoredInThisProcess()) {
            // Inherited from a shell that started the build in the background: give the demo a SIGINT
            // it can receive, as an interactive terminal would.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(javaJar(args));
        return new DemoProcess(new ProcessBuilder(command).start());
    }

    /** Starts the demo with {@code input} as its standard input, which then ends, and waits for it to end. */
    static DemoProcess runWithInput(String input, String... args) throws Exception {
        DemoProcess demo = start(args);
        demo.input(input);
        demo.awaitExit();
        return demo;
    }

    /** Writes {@code text} to the process's standard input and ends it there. */
    void input(String text) throws IOException {
        try (var stdin = process.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Starts the demo as a background job of a non-interactive shell would: ignoring SIGINT. */
    static DemoProcess startIgnoringSigint(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "trap '' INT; exec \"$@\"", "bash"));
        command.addAll(javaJar(args));
        return new DemoProcess(new ProcessBuilder(command).start());
    }

    private static List<String> javaJar(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests through `mvn verify`, "
                    + "which builds the jar first");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the demo with {@code args} and waits for it to end. */
    static DemoProcess run(String... args) throws Exception {
        DemoProcess demo = start(args);
        demo.awaitExit();
        return demo;
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The process was destroyed: what was read so far stays.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Waits until a line of standard output satisfies {@code wanted}. */
    void awaitLine(Predicate<String> wanted) {
        awaitLines(wanted, 1);
    }

    /** Waits until {@code count} lines of standard output satisfy {@code wanted}. */
    void awaitLines(Predicate<String> wanted, int count) {
        await().atMost(PATIENCE).until(() -> out().stream().filter(wanted).count() >= count);
    }

    /** Sends the process a SIGINT from outside, as a terminal does on Ctrl-C. */
    void sigint() throws Exception {
        signal("INT");
    }

    /** Sends the process a signal by name ("TERM"). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end and for its output to be read; returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the demo did not end within " + PATIENCE + "; output so far:\n" + report());
        }
        outReader.join();
        errReader.join();
        return process.exitValue();
    }

    /** The process id, for the commands that attach to it. */
    long pid() {
        return process.pid();
    }

    List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Both outputs and the machine's load, for a failure message: late lines on a busy machine are its doing. */
    String report() {
        return "--- stdout\n" + String.join("\n", out()) + "\n--- stderr\n" + String.join("\n", err())
                + "\n--- load average: " + loadAverage();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors()
                    + " processors)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
