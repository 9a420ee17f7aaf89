package dev.aioloop.stress;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.netty.StreamReader;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.StreamWriter;
import dev.aioloop.netty.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The soak: an echo server on one loop, and {@link SoakClients} in a second JVM, so that each side
 * has the descriptor limit to itself (10,000 connections are 20,000 sockets and the reconnects). Heap
 * after a collection is taken in this process at the 10th second (or half-way, in a shorter soak) and
 * at the end, and its sockets and epoll descriptors before and after; Netty's leak reports are
 * collected in both processes (its detector samples as {@code -Dio.netty.leakDetection.level} says:
 * PARANOID in the build), the clients' JVM getting this one's flags.
 *
 * <pre>{@code
 * stress/soak 10000 60
 * }</pre>
 */
public final class Soak {
    /** What a soak saw; {@link #problems()} lists what broke a promise. */
    public record Report(int connections, double seconds, long messages, long bytesEchoed, long resets, long corrupted,
            List<String> errors, long heapEarly, long heapLate, long fdsBefore, long fdsAfter, List<String> leaks) {
        /** Empty when every byte came back intact, no client failed, heap and descriptors held. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (corrupted > 0) {
                problems.add(corrupted + " echoes differ from what was sent");
            }
            if (!errors.isEmpty()) {
                problems.add(errors.size() + " clients failed, the first with " + errors.getFirst());
            }
            // A leak shows as growth; the live set also moves with the messages in flight, so a drop is no fault.
            if (heapLate - heapEarly > heapEarly / 10) {
                problems.add("heap after GC grew more than 10 %: " + heapEarly + " -> " + heapLate + " bytes");
            }
            if (fdsAfter > fdsBefore) {
                problems.add("file descriptors " + fdsBefore + " before, " + fdsAfter + " after");
            }
            if (!leaks.isEmpty()) {
                problems.add(leaks.size() + " buffer leaks reported by Netty, the first: " + leaks.getFirst());
            }
            if (messages == 0) {
                problems.add("no message echoed");
            }
            return problems;
        }

        @Override
        public String toString() {
            return String.format("%d connections, %.0f s: %d messages, %d MiB echoed intact, %d resets mid-message; "
                    + "heap after GC %.1f -> %.1f MiB; sockets and epoll/eventfd descriptors %d before, %d after",
                    connections, seconds, messages, bytesEchoed >> 20, resets, heapEarly / 1048576.0,
                    heapLate / 1048576.0, fdsBefore, fdsAfter);
        }
    }

    private Soak() {
    }

    /** {@code Soak CONNECTIONS SECONDS}: prints the report; exits 1 if a promise broke. */
    public static void main(String[] args) throws Exception {
        Report report = run(Integer.parseInt(args[0]), Double.parseDouble(args[1]));
        System.out.println(report);
        report.problems().forEach(p -> System.out.println("PROBLEM: " + p));
        System.exit(report.problems().isEmpty() ? 0 : 1);
    }

    /** Runs a soak: serves here, starts the clients' JVM and waits for it; returns what both saw. */
    public static Report run(int connections, double seconds) throws Exception {
        long fdsBefore = openDescriptors();
        LeakWatch leakWatch = LeakWatch.start();
        CompletableFuture<StreamServer> started = new CompletableFuture<>();
        CompletableFuture<Loop> serverLoop = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try {
                Asyncio.run(() -> {
                    serverLoop.complete(Asyncio.getRunningLoop());
                    StreamServer s = Streams.startServer(Soak::echo, "127.0.0.1", 0, 64 * 1024);
                    started.complete(s);
                    s.serveForever();
                });
            } catch (dev.aioloop.CancelledError closed) {
                // serveForever() ends so when the server is closed.
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        }, "soak-server");
        server.start();
        StreamServer echo = started.get(10, TimeUnit.SECONDS);
        int port = ((InetSocketAddress) echo.addresses().getFirst()).getPort();
        Process clients = clients(port, connections, seconds);
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Long> clientsStarted = new CompletableFuture<>();
        Thread output = Thread.ofPlatform().name("soak-clients-output").start(() -> {
            try (BufferedReader in = clients.inputReader()) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals(SoakClients.STARTED)) {
                        clientsStarted.complete(System.nanoTime());
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add(e.toString());
            }
            clientsStarted.complete(System.nanoTime());   // a JVM that ended before its clients began: its lines say why
        });
        long[] heap = new long[2];
        // The clients' clock starts when they are made; heap is taken from the 10th second to the end, on theirs.
        long startNanos = clientsStarted.get(Math.round(60 + connections / 100.0), TimeUnit.SECONDS);
        sleepUntil(startNanos, Math.min(10, seconds / 2));
        heap[0] = heapAfterGc();
        sleepUntil(startNanos, seconds - 0.5);
        heap[1] = heapAfterGc();
        boolean ended = clients.waitFor(Math.round(seconds + 60), TimeUnit.SECONDS);
        output.join(10_000);
        Asyncio.runCoroutineThreadsafe(() -> {
            echo.close();
            echo.waitClosed();
        }, serverLoop.get()).get(10, TimeUnit.SECONDS);
        server.join(10_000);
        List<String> leaks = new ArrayList<>(leakWatch.stop());
        List<String> errors = new ArrayList<>();
        long[] counts = new long[5];
        boolean counted = false;
        for (String line : List.copyOf(lines)) {
            if (line.startsWith(SoakClients.ERROR)) {
                errors.add(line.substring(SoakClients.ERROR.length()));
            } else if (line.startsWith(SoakClients.COUNTS)) {
                String[] fields = line.substring(SoakClients.COUNTS.length()).split(" ");
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = Long.parseLong(fields[i]);
                }
                counted = true;
            }
        }
        if (!ended) {
            clients.destroyForcibly();
            errors.add("the clients' JVM did not end in time");
        } else if (clients.exitValue() != 0 || !counted) {
            errors.add("the clients' JVM exited with " + clients.exitValue() + ", saying " + lines);
        }
        for (long i = 0; i < counts[4]; i++) {
            leaks.add("a buffer leak in the clients' JVM");
        }
        return new Report(connections, seconds, counts[0], counts[1], counts[2], counts[3], List.copyOf(errors),
                heap[0], heap[1], fdsBefore, openDescriptors(), List.copyOf(leaks));
    }

    /** The echo server's handler: sends back what comes, until the client ends or resets its connection. */
    static void echo(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            for (byte[] data = reader.read(65536); data.length > 0; data = reader.read(65536)) {
                writer.write(data);
                writer.drain();
            }
        } catch (IOException reset) {
            // A client that reset mid-message: its connection ends here.
        } finally {
            writer.close();
        }
    }

    /** The clients' JVM: this one's java, class path, and flags for continuations, native access and Netty. */
    private static Process clients(int port, int connections, double seconds) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-exports") || a.startsWith("--enable-native-access")
                        || a.startsWith("-Dio.netty."))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SoakClients.class.getName(),
                Integer.toString(port), Integer.toString(connections), Double.toString(seconds)));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void sleepUntil(long startNanos, double second) throws InterruptedException {
        long wait = startNanos + Math.round(second * 1e9) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The sockets, epoll and eventfd descriptors the process holds: what a loop or a connection would leak. */
    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:") || target.startsWith("anon_inode:");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }
}
