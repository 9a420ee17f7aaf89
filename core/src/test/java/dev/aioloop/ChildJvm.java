package dev.aioloop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.internal.JvmFlags;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A JVM of its own running one of the test sources' main classes: for what must not happen inside
 * the test JVM (a real SIGINT) or needs other JVM flags (none for continuations).
 */
final class ChildJvm implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private final List<Thread> readers = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        readers.add(collect(process.getInputStream(), out, "stdout"));
        readers.add(collect(process.getErrorStream(), err, "stderr"));
    }

    /** Starts {@code main} with this JVM's java and class path; with or without the continuation flag. */
    static ChildJvm start(boolean continuationFlag, Class<?> main, String... args) throws IOException {
        return start(continuationFlag ? List.of(JvmFlags.continuationFlag().split(" ")) : List.of(), main, args);
    }

    /** Starts {@code main} with this JVM's java and class path, and the JVM options given. */
    static ChildJvm start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> command = java(null);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    /**
     * Starts {@code main} (on the class path, in a package of its own) with core and Netty on the module
     * path; with or without the continuation flag in its module-path spelling.
     */
    static ChildJvm startOnModulePath(boolean continuationFlag, Class<?> main, String... args) throws IOException {
        List<String> modules = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        String core = Path.of(Loop.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String ownClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.equals(core) || name.startsWith("netty-") && !name.startsWith("netty-transport-native-epoll")) {
                modules.add(entry);
            } else if (entry.equals(ownClasses)) {
                classes.add(entry);
            }
        }
        List<String> command = java(continuationFlag ? "--add-exports java.base/jdk.internal.vm=dev.aioloop.core" : null);
        command.addAll(List.of("--module-path", String.join(File.pathSeparator, modules),
                "--add-modules", "dev.aioloop.core", "-cp", String.join(File.pathSeparator, classes), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    /** Runs {@code java -jar jar}, with the JVM options given, as a user's runnable jar is started. */
    static ChildJvm startJar(List<String> jvmOptions, Path jar, String... args) throws IOException {
        List<String> command = java(null);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    private static List<String> java(String flag) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new AssertionError("cannot tell which java runs the tests")));
        if (flag != null) {
            command.addAll(List.of(flag.split(" ")));
        }
        return command;
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + name + " unreadable: " + e + ">");
            }
        }, "child-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    List<String> out() {
        return List.copyOf(out);
    }

    List<String> err() {
        return List.copyOf(err);
    }

    /** Waits until the child has printed {@code line}. */
    void awaitLine(String line) {
        awaitCondition("the line '" + line + "'", () -> out.contains(line));
    }

    /** Waits until the child has ended, and returns its exit code. */
    int awaitExit() {
        awaitCondition("the end of the process", () -> !process.isAlive());
        // The last lines may still be on their way from the pipes: the readers end at their end of stream.
        for (Thread reader : readers) {
            try {
                reader.join(PATIENCE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while reading the child's output", e);
            }
        }
        return process.exitValue();
    }

    private void awaitCondition(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the child JVM did not give " + what + "; stdout: " + out + "; stderr: " + err, e);
        }
    }

    /** Sends the child a signal by name ("INT"), as a terminal's Ctrl-C would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new AssertionError("kill -" + name + " did not return");
        }
        assertEquals(0, kill.exitValue(), "kill -" + name + " failed");
    }

    String describe() {
        return "stdout: " + out + "; stderr: " + err;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
