package dev.aioloop.bench.echo;

import dev.aioloop.bench.Workload;
import java.net.InetSocketAddress;

/**
 * {@code echo}: aioloop's streams echo server on a standalone loop in this process, under the
 * {@link EchoClient}'s load (64 connections, 1 KiB messages, each waiting for its echo before sending
 * again), for {@code size} round trips in all; round trips per second, with the latency's p50 and p99.
 * bench/compare.sh runs each server in a process of its own instead ({@link EchoLoad}), which is the
 * fairer comparison.
 *
 * <pre>{@code
 * String figure = new Echo().run(100_000);   // "41230 msg/s p50=1480us p99=2900us"
 * }</pre>
 */
public final class Echo implements Workload {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public int defaultSize() {
        return 100_000;
    }

    @Override
    public String run(int roundTrips) throws Exception {
        // Nested, not one try: javac's try lint counts only the body as using a resource.
        try (EchoServer.Running server = EchoServer.start("aioloop", 0)) {
            try (EchoClient client = EchoClient.connect(new InetSocketAddress("127.0.0.1", server.port()),
                    EchoLoad.Shape.ECHO.connections(), EchoLoad.Shape.ECHO.messageSize())) {
                return client.measure(Long.MAX_VALUE, roundTrips).figure();
            }
        }
    }
}
