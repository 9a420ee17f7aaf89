package dev.aioloop.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aioloop.Asyncio;
import dev.aioloop.Task;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.StreamReader;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streams fuzzed against {@link StreamModel}: generated cases ({@link StreamCase}) played over
 * real loopback connections, each read's outcome checked against the model. A failing case is shrunk
 * to a smaller one that still fails, and both are printed with their seed; {@code -Dfuzz.seed} and
 * {@code -Dfuzz.cases} choose the run (README, "Reliability").
 */
class StreamsFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    static final int CASES = Integer.getInteger("fuzz.cases", 100_000);
    // Connections at once on the loop: one case each, the peer's side served by the same loop.
    private static final int PARALLEL = 32;
    private static ResourceLeakDetector.Level buildLevel;

    // The build's PARANOID level records a stack trace at every access to every buffer, and a case
    // read a byte at a time makes a million accesses: the run took 280 s so, 50 s at ADVANCED, which
    // still tracks one buffer in 128 with its traces. The soak and the streams' own tests check
    // releases at PARANOID.
    @BeforeAll
    static void sampleLeaks() {
        buildLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.ADVANCED);
    }

    @AfterAll
    static void restoreLeakLevel() {
        ResourceLeakDetector.setLevel(buildLevel);
    }

    @Test
    void realReadersFollowTheModelCaseAfterCase() throws Exception {
        List<String> loopErrors = new ArrayList<>();
        String failure = Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> loopErrors.add(context.toString()));
            Player player = Player.start();
            try {
                long[] next = {0};
                String[] first = {null};
                List<Task<Void>> workers = new ArrayList<>();
                for (int w = 0; w < PARALLEL; w++) {
                    workers.add(Asyncio.createTask(() -> {
                        while (first[0] == null && next[0] < CASES) {
                            StreamCase c = StreamCase.generate(SEED * 1_000_003L + next[0]++);
                            String why = player.play(c);
                            if (why != null && first[0] == null) {
                                first[0] = c + "\n  " + why;
                                StreamCase minimal = shrink(c, smaller -> {
                                    try {
                                        return player.play(smaller) != null;
                                    } catch (Exception e) {
                                        return true;
                                    }
                                });
                                first[0] += "\nshrunk to " + minimal + "\n  " + player.play(minimal);
                            }
                        }
                    }));
                }
                Asyncio.gather(workers).await();
                return first[0];
            } finally {
                player.close();
            }
        });
        assertNull(failure, () -> "a case broke the model (seed " + SEED + "):\n" + failure);
        assertEquals(List.of(), loopErrors, "the loop reported errors");
    }

    /** The smallest case found, from {@code failing}, that {@code fails} still. */
    static StreamCase shrink(StreamCase failing, Predicate<StreamCase> fails) {
        StreamCase smallest = failing;
        for (boolean shrunk = true; shrunk; ) {
            shrunk = false;
            for (StreamCase candidate : smallest.shrinks()) {
                if (fails.test(candidate)) {
                    smallest = candidate;
                    shrunk = true;
                    break;
                }
            }
        }
        return smallest;
    }

    @Test
    void theShrinkerKeepsWhatStillFails() {
        StreamCase big = StreamCase.generate(7);
        while (big.ops().size() < 4 || big.data().length < 20) {
            big = StreamCase.generate(big.seed() + 1);
        }
        // Fails while at least 10 bytes and two reads are left: the minimum keeps exactly that much
        // of what shrinking can remove one piece at a time.
        StreamCase minimal = shrink(big, c -> c.data().length >= 10 && c.ops().size() >= 2);
        assertEquals(2, minimal.ops().size());
        assertEquals(minimal.data().length >= 10 && minimal.data().length < 20, true, minimal.toString());
        assertEquals(1, minimal.cuts().size(), minimal.toString());
    }

    /** Plays cases: a server on the loop sends each case's bytes, cut as the case says, to a client that reads. */
    private static final class Player {
        private final StreamServer server;
        private final int port;
        private final List<StreamCase> open = new ArrayList<>();

        private Player(StreamServer server) {
            this.server = server;
            this.port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
        }

        static Player start() throws Exception {
            Player[] player = {null};
            StreamServer server = Streams.startServer((reader, writer) -> {
                int id = Integer.parseInt(new String(reader.readline(), StandardCharsets.US_ASCII).trim());
                StreamCase c = player[0].open.get(id);
                if (c == null) {
                    // Its reads needed no byte (read(0), atEof()...), and the client is gone already.
                    writer.close();
                    return;
                }
                try {
                    for (byte[] chunk : c.chunks()) {
                        writer.write(chunk);
                        writer.drain();
                    }
                    writer.writeEof();
                    // Until the client is done: it closes when its reads are.
                    reader.read();
                } catch (java.io.IOException clientLeftEarly) {
                    // A case that ends before reading everything closes with bytes unread.
                } finally {
                    writer.close();
                }
            }, "127.0.0.1", 0);
            player[0] = new Player(server);
            return player[0];
        }

        /** Null if every read followed the model; else the first one that did not, and why. */
        String play(StreamCase c) throws Exception {
            int id = open.size();
            open.add(c);
            Connection connection = Streams.openConnection("127.0.0.1", port, c.limit());
            try {
                connection.writer().write((id + "\n").getBytes(StandardCharsets.US_ASCII));
                StreamModel model = new StreamModel(c.data(), c.limit());
                StreamReader reader = connection.reader();
                for (StreamCase.Op op : c.ops()) {
                    String why = model.check(op, outcome(reader, op));
                    if (why != null) {
                        return op + ": " + why;
                    }
                }
                return null;
            } finally {
                open.set(id, null);
                connection.writer().close();
            }
        }

        private static Object outcome(StreamReader reader, StreamCase.Op op) {
            try {
                return switch (op.kind()) {
                    case READ -> reader.read(op.n());
                    case READEXACTLY -> reader.readexactly(op.n());
                    case READLINE -> reader.readline();
                    case READUNTIL -> reader.readuntil(op.separator());
                    case AT_EOF -> reader.atEof();
                };
            } catch (Exception e) {
                return e;
            }
        }

        void close() throws Exception {
            server.close();
            server.waitClosed();
        }
    }
}
