package dev.aioloop.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the echo workload against a server in a process of its own: starts the server's command,
 * reads the {@code listening on PORT} line it prints, drives it with the {@link EchoClient} (64
 * connections, 1 KiB messages) for a 2 s warm-up then {@code SECONDS} measured, and prints the
 * bench's line; then closes the server's standard input, which ends it. bench/compare.sh runs every
 * echo server through it, so that all of them face the same client in the same way.
 *
 * <pre>{@code
 * java -cp aioloop-bench.jar dev.aioloop.bench.echo.EchoLoad uvloop 5 /usr/bin/python3 echo_server.py uvloop
 * echo uvloop 21034 msg/s p50=3010us p99=3650us
 * }</pre>
 */
public final class EchoLoad {
    static final int CONNECTIONS = 64;
    static final int MESSAGE_SIZE = 1024;
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String LISTENING = "listening on ";

    private EchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EchoLoad SYSTEM SECONDS SERVER-COMMAND...   (the server prints 'listening on PORT')");
            System.exit(2);
        }
        double seconds = Double.parseDouble(args[1]);
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("SECONDS must be more than 0, not " + args[1]);
        }
        System.out.println(line(args[0], seconds, Arrays.asList(args).subList(2, args.length)));
    }

    /** Starts {@code command}, measures it as {@code system} for {@code seconds}, stops it, and returns the bench's line. */
    static String line(String system, double seconds, List<String> command) throws Exception {
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = awaitPort(server, command);
            try (EchoClient client = EchoClient.connect(new InetSocketAddress("127.0.0.1", port), CONNECTIONS, MESSAGE_SIZE)) {
                return "echo " + system + " " + client.run(WARMUP_NANOS, (long) (seconds * 1e9), Long.MAX_VALUE).figure();
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static int awaitPort(Process server, List<String> command) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(LISTENING)) {
                return Integer.parseInt(line.substring(LISTENING.length()).trim());
            }
        }
        throw new IOException("the server ended without printing '" + LISTENING + "PORT': " + String.join(" ", command));
    }
}
