package dev.aioloop.bench.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The echo workload's load: one thread and one JDK NIO selector driving every connection, each
 * sending a message, waiting for all of it to come back (checked byte for byte), and sending the next.
 * It is plain NIO, not aioloop, so that it weighs the same on every server it is run against, and it
 * keeps to one thread so that a 2-core machine leaves the other core to the server.
 *
 * <pre>{@code
 * try (EchoClient client = EchoClient.connect(new InetSocketAddress("127.0.0.1", port), 64, 1024)) {
 *     client.warmUp(10_000_000_000L);
 *     EchoClient.Result r = client.measure(5_000_000_000L, Long.MAX_VALUE);
 *     System.out.println(r.figure());   // "48210 msg/s 47.1 MiB/s p50=1290us p90=1800us p99=2150us p999=3100us"
 * }
 * }</pre>
 */
public final class EchoClient implements AutoCloseable {
    // Latencies are counted in 1 µs buckets; slower round trips fall in the last one.
    private static final int HISTOGRAM_MICROS = 200_000;
    private static final long DRAIN_NANOS = 10_000_000_000L;

    private final Selector selector;
    private final Connection[] connections;
    private final int messageSize;
    private final long[] histogram = new long[HISTOGRAM_MICROS + 1];
    private long completed;
    private boolean sending;

    private EchoClient(Selector selector, Connection[] connections, int messageSize) {
        this.selector = selector;
        this.connections = connections;
        this.messageSize = messageSize;
    }

    /** Opens {@code connections} connections to {@code server}, each to send messages of {@code messageSize} bytes. */
    public static EchoClient connect(InetSocketAddress server, int connections, int messageSize) throws IOException {
        if (connections < 1 || messageSize < 1) {
            throw new IllegalArgumentException("connections (" + connections + ") and messageSize (" + messageSize
                    + ") must both be at least 1");
        }
        Selector selector = Selector.open();
        Connection[] all = new Connection[connections];
        EchoClient client = new EchoClient(selector, all, messageSize);
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(server);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                all[i] = new Connection(channel, messageSize, i);
                all[i].key = channel.register(selector, 0, all[i]);
            }
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * What one measurement counted: round trips of {@code messageSize} bytes, the time they took, and
     * the percentiles of their latencies (p50, p90, p99, p99.9, as vmbench reports them).
     */
    public record Result(long roundTrips, long nanos, int messageSize, long p50Micros, long p90Micros, long p99Micros,
            long p999Micros) {
        /** Round trips per second. */
        public double perSecond() {
            return roundTrips / (nanos / 1e9);
        }

        /** Mebibytes echoed per second, one way. */
        public double mebibytesPerSecond() {
            return perSecond() * messageSize / (1024.0 * 1024.0);
        }

        /** The figure as the bench prints it: {@code "48210 msg/s 47.1 MiB/s p50=1290us p90=1800us p99=2150us p999=3100us"}. */
        public String figure() {
            return String.format("%.0f msg/s %.1f MiB/s p50=%dus p90=%dus p99=%dus p999=%dus", perSecond(),
                    mebibytesPerSecond(), p50Micros, p90Micros, p99Micros, p999Micros);
        }
    }

    /** Keeps every connection busy for {@code nanos}, counting nothing: the servers' JIT and caches warm up. */
    public void warmUp(long nanos) throws IOException {
        startSending();
        loop(System.nanoTime() + nanos, Long.MAX_VALUE);
    }

    /**
     * Counts round trips until {@code nanos} have passed or {@code maxRoundTrips} came back,
     * whichever is first; then waits for the replies still on their way, so that the connections
     * end idle.
     *
     * @throws IOException if the server closes a connection or echoes other bytes than it was sent
     */
    public Result measure(long nanos, long maxRoundTrips) throws IOException {
        startSending();
        completed = 0;
        Arrays.fill(histogram, 0);
        long start = System.nanoTime();
        loop(start + nanos, maxRoundTrips);
        long elapsed = System.nanoTime() - start;
        long measured = completed;
        sending = false;
        long drainDeadline = System.nanoTime() + DRAIN_NANOS;
        while (busy()) {
            if (System.nanoTime() - drainDeadline > 0) {
                throw new IOException("the server still owes replies after " + DRAIN_NANOS / 1_000_000_000 + " s: it stopped echoing");
            }
            select();
        }
        return new Result(measured, elapsed, messageSize, percentile(measured, 0.50), percentile(measured, 0.90),
                percentile(measured, 0.99), percentile(measured, 0.999));
    }

    private void startSending() throws IOException {
        if (!sending) {
            sending = true;
            for (Connection c : connections) {
                send(c, System.nanoTime());
            }
        }
    }

    private void loop(long deadline, long maxRoundTrips) throws IOException {
        while (completed < maxRoundTrips && System.nanoTime() - deadline < 0) {
            select();
        }
    }

    private void select() throws IOException {
        try {
            selector.select(this::ready, 1000);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private boolean busy() {
        for (Connection c : connections) {
            if (c.key.interestOps() != 0) {
                return true;
            }
        }
        return false;
    }

    private void ready(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        try {
            if (key.isWritable()) {
                c.channel.write(c.out);
                if (!c.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                if (c.channel.read(c.in) < 0) {
                    throw new IOException("the server closed connection " + c.index + " in the middle of a round trip");
                }
                if (!c.in.hasRemaining()) {
                    received(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void received(Connection c) throws IOException {
        long now = System.nanoTime();
        c.in.flip();
        c.out.flip();
        if (c.in.mismatch(c.out) >= 0) {
            throw new IOException("connection " + c.index + " got back other bytes than it sent");
        }
        histogram[(int) Math.min((now - c.sentAt) / 1000, HISTOGRAM_MICROS)]++;
        completed++;
        if (sending) {
            send(c, now);
        } else {
            c.key.interestOps(0);
        }
    }

    private void send(Connection c, long now) throws IOException {
        c.sentAt = now;
        c.in.clear();
        c.out.clear();
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private long percentile(long total, double p) {
        long rank = (long) Math.ceil(total * p);
        long seen = 0;
        for (int us = 0; us < histogram.length; us++) {
            seen += histogram[us];
            if (seen >= rank && seen > 0) {
                return us;
            }
        }
        return 0;
    }

    /** Closes every connection; the server reads the end of each stream. */
    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            if (c != null) {
                c.channel.close();
            }
        }
        selector.close();
    }

    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;
        final int index;
        SelectionKey key;
        long sentAt;

        Connection(SocketChannel channel, int messageSize, int index) {
            this.channel = channel;
            this.index = index;
            out = ByteBuffer.allocateDirect(messageSize);
            in = ByteBuffer.allocateDirect(messageSize);
            // Each connection sends its own bytes, so that a reply crossed between connections shows; one
            // line each (a newline at the end only), so that a line-framed server echoes it whole.
            for (int i = 0; i < messageSize - 1; i++) {
                byte b = (byte) (i * 31 + index);
                out.put(b == '\n' ? (byte) ' ' : b);
            }
            out.put((byte) '\n');
            out.flip();
        }
    }
}
