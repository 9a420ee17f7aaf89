package dev.aioloop.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an echo workload against a server in a process of its own: starts the server's command,
 * reads the {@code listening on PORT} line it prints, drives it with the {@link EchoClient} for
 * {@code WARMUP} seconds, then {@code SECONDS} measured, and prints the bench's line, with the
 * server's CPU time per round trip ({@code cpu=}); then closes the server's standard input, which
 * ends it. bench/compare.sh runs every echo server through it, so that all of them face the same
 * client in the same way. Two shapes:
 * <ul>
 *   <li>{@code echo} (the default): 64 connections, 1 KiB messages;</li>
 *   <li>{@code echo-vm}, after MagicStack's vmbench (the benchmark uvloop publishes): a closed loop of
 *       10 connections, at the message size {@code --size} gives (vmbench's are 1, 10 and 100 KiB).</li>
 * </ul>
 *
 * <p>The JVM servers need a long warm-up: a connection's handler is one long-lived task whose loop
 * frame, entered once, leaves the interpreter only by on-stack replacement, which HotSpot compiles
 * with C2 after several seconds of such a load.
 *
 * <pre>{@code
 * java -cp aioloop-bench.jar dev.aioloop.bench.echo.EchoLoad uvloop 10 5 /usr/bin/python3 echo_server.py uvloop
 * echo uvloop 21034 msg/s 20.5 MiB/s p50=3010us p90=3300us p99=3650us p999=4100us cpu=28.4us
 * java -cp aioloop-bench.jar dev.aioloop.bench.echo.EchoLoad --vm --size 102400 netty 10 30 java ... EchoServer netty
 * }</pre>
 */
public final class EchoLoad {
    private static final String LISTENING = "listening on ";
    private static final String USAGE = "usage: EchoLoad [--vm] [--size BYTES] SYSTEM WARMUP SECONDS SERVER-COMMAND..."
            + "   (the server prints 'listening on PORT')";

    /** The load's shape: the workload's name in the printed line, how many connections, how big a message. */
    record Shape(String workload, int connections, int messageSize) {
        static final Shape ECHO = new Shape("echo", 64, 1024);

        /** vmbench's closed loop: 10 connections, each waiting for its echo before sending again. */
        static Shape vm(int messageSize) {
            return new Shape("echo-vm", 10, messageSize);
        }
    }

    private EchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        boolean vm = false;
        int size = Shape.ECHO.messageSize();
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--vm" -> vm = true;
                case "--size" -> size = bytes(i + 1 < args.length ? args[++i] : "");
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length - i < 4) {
            usage(null);
        }
        Shape shape = vm ? Shape.vm(size) : new Shape(Shape.ECHO.workload(), Shape.ECHO.connections(), size);
        double warmup = seconds(args[i + 1], "WARMUP", 0);
        double seconds = seconds(args[i + 2], "SECONDS", Double.MIN_VALUE);
        System.out.println(line(shape, args[i], warmup, seconds, Arrays.asList(args).subList(i + 3, args.length)));
    }

    private static void usage(String problem) {
        System.err.println((problem == null ? "" : problem + "; ") + USAGE);
        System.exit(2);
    }

    private static int bytes(String arg) {
        try {
            int n = Integer.parseInt(arg);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below, with what to give.
        }
        throw new IllegalArgumentException("--size must be a message size in bytes, 1 or more, not '" + arg + "'");
    }

    private static double seconds(String arg, String what, double least) {
        double s;
        try {
            s = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number of seconds, not '" + arg + "'", e);
        }
        if (!(s >= least)) {
            throw new IllegalArgumentException(what + " must be " + (least > 0 ? "more than 0" : "at least 0") + ", not " + arg);
        }
        return s;
    }

    /**
     * Starts {@code command}, loads it in {@code shape} for {@code warmup} seconds, measures it as
     * {@code system} for {@code seconds}, stops it, and returns the bench's line.
     */
    static String line(Shape shape, String system, double warmup, double seconds, List<String> command) throws Exception {
        Process server = new ProcessBuilder(command).start();
        // Kept rather than passed through: what a server says on stderr belongs in the error when it
        // fails, and nowhere else (a build running the tests stays quiet).
        List<String> errors = new CopyOnWriteArrayList<>();
        Thread errorReader = readLines(new BufferedReader(new InputStreamReader(server.getErrorStream(),
                StandardCharsets.UTF_8)), errors::add, "echo-server-stderr");
        try {
            int port = awaitPort(server, command, errorReader, errors);
            try (EchoClient client = EchoClient.connect(new InetSocketAddress("127.0.0.1", port),
                    shape.connections(), shape.messageSize())) {
                client.warmUp((long) (warmup * 1e9));
                Duration cpu0 = cpuTime(server);
                EchoClient.Result r = client.measure((long) (seconds * 1e9), Long.MAX_VALUE);
                Duration cpu = cpuTime(server).minus(cpu0);
                return String.format("%s %s %s cpu=%.1fus", shape.workload(), system, r.figure(), cpu.toNanos() / 1e3 / Math.max(1, r.roundTrips()));
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    // The server process's own CPU time (its children's not counted): what it spent per round trip is
    // a steadier figure than the round trips per second on a machine other programs keep busy.
    private static Duration cpuTime(Process server) throws IOException {
        return server.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IOException("this system does not tell a process's CPU time"));
    }

    private static int awaitPort(Process server, List<String> command, Thread errorReader, List<String> errors)
            throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(LISTENING)) {
                int port = Integer.parseInt(line.substring(LISTENING.length()).trim());
                readLines(out, rest -> { }, "echo-server-stdout");
                return port;
            }
        }
        // Its standard output ended: the server is ending, and its stderr with it.
        errorReader.join(TimeUnit.SECONDS.toMillis(10));
        throw new IOException("the server ended without printing '" + LISTENING + "PORT': " + String.join(" ", command)
                + (errors.isEmpty() ? "" : "; it said: " + String.join(" / ", errors)));
    }

    // Read to their end all the same, or a server that prints much would block on a full pipe in the
    // middle of the measurement.
    private static Thread readLines(BufferedReader in, Consumer<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.accept(line);
                }
            } catch (IOException ended) {
                // The server has gone: nothing more to read.
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
