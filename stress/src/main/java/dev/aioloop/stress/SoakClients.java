package dev.aioloop.stress;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.Streams;
import io.netty.channel.ChannelOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's clients, in a process of their own so that each side has the descriptor limit to itself
 * ({@link Soak} starts it): that many clients on one loop, each sending messages of 1 byte to 16 KiB
 * and checking every byte that comes back, for that long. One client in twenty resets its connection
 * in the middle of a message now and then (and connects again), one in twenty reads its echo slowly,
 * in small pieces. It prints {@value #STARTED} when the clients are made, then one {@value #ERROR}
 * line per failed client and last the {@value #COUNTS} line: messages, bytes, resets, corrupted
 * echoes, Netty's leak reports in this process.
 *
 * <pre>{@code
 * SoakClients PORT CONNECTIONS SECONDS
 * }</pre>
 */
public final class SoakClients {
    static final String STARTED = "soak-clients: started";
    static final String ERROR = "soak-clients: error ";
    static final String COUNTS = "soak-clients: counts ";

    private final AtomicLong bytesEchoed = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

    private SoakClients() {
    }

    /** {@code SoakClients PORT CONNECTIONS SECONDS}: runs the clients against the echo server on that port. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        LeakWatch leaks = LeakWatch.start();
        SoakClients soak = new SoakClients();
        Asyncio.run(() -> {
            double end = Asyncio.getRunningLoop().time() + seconds;
            List<Task<Void>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int id = i;
                clients.add(Asyncio.createTask(() -> soak.client(id, port, end)));
                if (i % 100 == 99) {
                    Asyncio.sleep(0);   // lets the first ones connect while the rest are made
                }
            }
            System.out.println(STARTED);
            Asyncio.gather(clients).await();
        });
        List<String> leaked = leaks.stop();
        synchronized (soak.errors) {
            soak.errors.forEach(e -> System.out.println(ERROR + e.toString().replace('\n', ' ')));
        }
        System.out.println(COUNTS + soak.messages + " " + soak.bytesEchoed + " " + soak.resets + " " + soak.corrupted
                + " " + leaked.size());
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
}
