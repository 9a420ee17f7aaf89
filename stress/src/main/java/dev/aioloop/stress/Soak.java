package dev.aioloop.stress;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The soak: an echo server on one loop, and that many clients on another, each sending messages of
 * 1 byte to 16 KiB and checking every byte that comes back, for that long. One client in twenty
 * resets its connection in the middle of a message now and then (and connects again), one in twenty
 * reads its echo slowly, in small pieces. Heap after a collection is taken early and at the end, and
 * the process's sockets and epoll descriptors before and after; Netty's leak reports are collected
 * (its detector samples as {@code -Dio.netty.leakDetection.level} says: PARANOID in the build).
 *
 * <pre>{@code
 * stress/soak 10000 60
 * }</pre>
 */
public final class Soak {
    private final int connections;
    private final double seconds;
    private final AtomicLong bytesEchoed = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    /** What a soak saw; {@link #problems()} lists what broke a promise. */
    public record Report(int connections, double seconds, long messages, long bytesEchoed, long resets, long corrupted,
            List<Throwable> errors, long heapEarly, long heapLate, long fdsBefore, long fdsAfter, List<String> leaks) {
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

    private Soak(int connections, double seconds) {
        this.connections = connections;
        this.seconds = seconds;
    }

    /** Runs a soak; returns what it saw. */
    public static Report run(int connections, double seconds) throws Exception {
        return new Soak(connections, seconds).soak();
    }

    /** {@code Soak CONNECTIONS SECONDS}: prints the report; exits 1 if a promise broke. */
    public static void main(String[] args) throws Exception {
        Report report = run(Integer.parseInt(args[0]), Double.parseDouble(args[1]));
        System.out.println(report);
        report.problems().forEach(p -> System.out.println("PROBLEM: " + p));
        System.exit(report.problems().isEmpty() ? 0 : 1);
    }

    private Report soak() throws Exception {
        long fdsBefore = openDescriptors();
        List<String> leaks = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Logger leakLog = java.util.logging.Logger.getLogger(io.netty.util.ResourceLeakDetector.class.getName());
        java.util.logging.Handler leakSeen = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                leaks.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        leakLog.addHandler(leakSeen);
        CompletableFuture<StreamServer> started = new CompletableFuture<>();
        CompletableFuture<Loop> serverLoop = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try {
                Asyncio.run(() -> {
                    serverLoop.complete(Asyncio.getRunningLoop());
                    StreamServer s = Streams.startServer((reader, writer) -> {
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
                    }, "127.0.0.1", 0, 64 * 1024);
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
        long[] heap = new long[2];
        Asyncio.run(() -> {
            double start = Asyncio.getRunningLoop().time();
            double end = start + seconds;
            List<Task<Void>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int id = i;
                clients.add(Asyncio.createTask(() -> client(id, port, end)));
                if (i % 100 == 99) {
                    Asyncio.sleep(0);   // lets the first ones connect while the rest are made
                }
            }
            Asyncio.sleep(Math.max(0, start + Math.min(10, seconds / 2) - Asyncio.getRunningLoop().time()));
            heap[0] = heapAfterGc();
            Asyncio.sleep(Math.max(0, end - 0.5 - Asyncio.getRunningLoop().time()));
            heap[1] = heapAfterGc();
            Asyncio.gather(clients).await();
        });
        Loop loop = serverLoop.get();
        Asyncio.runCoroutineThreadsafe(() -> {
            echo.close();
            echo.waitClosed();
        }, loop).get(10, TimeUnit.SECONDS);
        server.join(10_000);
        // Netty reports a leaked buffer when it finds it collected unreleased, at a later allocation.
        for (int i = 0; i < 5; i++) {
            System.gc();
            io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(16).release();
            io.netty.buffer.UnpooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
        leakLog.removeHandler(leakSeen);
        return new Report(connections, seconds, messages.get(), bytesEchoed.get(), resets.get(), corrupted.get(),
                List.copyOf(errors), heap[0], heap[1], fdsBefore, openDescriptors(), List.copyOf(leaks));
    }

    /** One client: echoes until {@code end}, reconnecting after each reset it makes. */
    private void client(int id, int port, double end) throws Exception {
        Random random = new Random(id);
        boolean resetter = id % 20 == 7;
        boolean slow = id % 20 == 13;
        Loop loop = Asyncio.getRunningLoop();
        while (loop.time() < end) {
            Connection c = Streams.openConnection("127.0.0.1", port);
            try {
                while (loop.time() < end) {
                    byte[] message = new byte[1 + random.nextInt(16 * 1024)];
                    random.nextBytes(message);
                    if (resetter && random.nextInt(10) == 0) {
                        c.writer().write(Arrays.copyOf(message, message.length / 2));
                        c.writer().drain();
                        c.writer().channel().config().setOption(ChannelOption.SO_LINGER, 0);
                        c.writer().channel().close();
                        resets.incrementAndGet();
                        break;
                    }
                    c.writer().write(message);
                    c.writer().drain();
                    byte[] echoed = slow ? readSlowly(c, message.length) : c.reader().readexactly(message.length);
                    if (!Arrays.equals(message, echoed)) {
                        corrupted.incrementAndGet();
                    }
                    messages.incrementAndGet();
                    bytesEchoed.addAndGet(message.length);
                }
            } catch (Exception e) {
                errors.add(e);
                return;
            } finally {
                c.writer().close();
            }
            if (!resetter) {
                return;
            }
        }
    }

    private static byte[] readSlowly(Connection c, int length) throws Exception {
        byte[] all = new byte[length];
        for (int at = 0; at < length; ) {
            byte[] piece = c.reader().readexactly(Math.min(512, length - at));
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
            Asyncio.sleep(0.005);
        }
        return all;
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
