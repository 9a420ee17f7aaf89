package dev.aioloop.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MessageStreams at the end of real Netty pipelines, on a server's own event-loop group. */
class MessageStreamTest {
    private MultiThreadIoEventLoopGroup group;
    private Loop loop;
    private final ConcurrentLinkedQueue<String> reported = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void group() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = Loop.of(group.next());
        Asyncio.runCoroutineThreadsafe(() -> {
            loop.setExceptionHandler((l, context) -> reported.add(context.message() + ": " + context.exception()));
            return null;
        }, loop).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void shutDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private int serve(boolean halfClosure, Consumer<ChannelPipeline> init) throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        init.accept(ch.pipeline());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private int serveLines(MessageStreams.Body<String> body) throws InterruptedException {
        return serve(false, p -> p.addLast(new LineBasedFrameDecoder(1024), new StringDecoder(UTF_8),
                new StringEncoder(UTF_8), MessageStreams.handler(String.class, body)));
    }

    /** Numbers each line of the connection: state kept across messages, in order. */
    private static final MessageStreams.Body<String> NUMBERED = stream -> {
        int n = 0;
        for (String line; (line = stream.receive()) != null; ) {
            stream.send(++n + " " + line + " " + stream.channel().eventLoop().inEventLoop() + "\n");
        }
    };

    @Test
    void fiftyConcurrentConnectionsEachGetTheirLinesNumberedInOrder() throws Exception {
        int port = serveLines(NUMBERED);
        int lines = 20;
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<java.util.concurrent.Future<List<String>>> answers = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                int id = c;
                answers.add(clients.submit(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setSoTimeout(10_000);
                        OutputStream out = socket.getOutputStream();
                        StringBuilder all = new StringBuilder();
                        for (int i = 0; i < lines; i++) {
                            all.append("c").append(id).append("-").append(i).append('\n');
                        }
                        out.write(all.toString().getBytes(UTF_8));   // pipelined: all at once
                        out.flush();
                        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                        List<String> got = new ArrayList<>();
                        for (int i = 0; i < lines; i++) {
                            got.add(in.readLine());
                        }
                        return got;
                    }
                }));
            }
            for (int c = 0; c < 50; c++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < lines; i++) {
                    expected.add((i + 1) + " c" + c + "-" + i + " true");
                }
                assertEquals(expected, answers.get(c).get(20, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(reported.isEmpty(), reported::toString);
    }

    @Test
    void theEndOfInputIsNullAfterEveryLineAndTheBodyMayStillAnswer() throws Exception {
        int port = serve(true, p -> p.addLast(new LineBasedFrameDecoder(1024), new StringDecoder(UTF_8),
                new StringEncoder(UTF_8), MessageStreams.handler(String.class, stream -> {
                    List<String> got = new ArrayList<>();
                    for (String line; (line = stream.receive()) != null; ) {
                        got.add(line);
                    }
                    assertNull(stream.receive());
                    stream.send("got " + got + "\n");
                })));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("a\nb\nc\n".getBytes(UTF_8));
            socket.shutdownOutput();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            assertEquals("got [a, b, c]", in.readLine());
            assertNull(in.readLine());      // the body returned: the channel is closed
        }
    }

    @Test
    void aBodyThatThrowsClosesTheChannelAndReachesTheExceptionHandler() throws Exception {
        int port = serveLines(stream -> {
            stream.send("first " + stream.receive() + "\n");
            throw new IllegalStateException("protocol broken");
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("x\ny\nz\n".getBytes(UTF_8));
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            assertEquals("first x", in.readLine());
            assertNull(in.readLine());
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !reported.isEmpty());
        String report = reported.peek();
        assertTrue(report.startsWith("Unhandled exception in a MessageStream body, closing"), report);
        assertTrue(report.endsWith("java.lang.IllegalStateException: protocol broken"), report);
    }

    @Test
    void aBodyWaitingInReceiveGetsNullWhenThePeerCloses() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        int port = serveLines(stream -> seen.set(stream.receive() + " then " + stream.receive()));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("only\n".getBytes(UTF_8));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.get() != null);
        assertEquals("only then null", seen.get());
    }

    @Test
    void aBodyWaitingInSendIsWokenWithConnectionLostWhenTheChannelCloses() throws Exception {
        AtomicReference<MessageStream<String>> streamSeen = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        String chunk = "y".repeat(64 * 1024) + "\n";
        int port = serveLines(stream -> {
            streamSeen.set(stream);
            try {
                while (true) {
                    stream.send(chunk);                // the peer never reads: send ends up waiting in its drain
                }
            } catch (IOException lost) {
                failure.set(lost);
            }
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> streamSeen.get() != null && !streamSeen.get().channel().isWritable());
            socket.setSoLinger(true, 0);               // a reset, so that the server's channel closes at once
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> failure.get() != null);
        assertTrue(failure.get() instanceof IOException, failure.get()::toString);
        assertTrue(reported.isEmpty(), reported::toString);
    }

    @Test
    void aSlowBodyHoldsAFloodingPeerBackWithTheBufferBounded() throws Exception {
        int maxBuffered = 4;
        AtomicInteger received = new AtomicInteger();
        AtomicInteger mostBuffered = new AtomicInteger();
        AtomicReference<Future<Void>> gate = new AtomicReference<>();
        AtomicReference<MessageStream<String>> flooded = new AtomicReference<>();
        int port = serve(false, p -> p.addLast(new LineBasedFrameDecoder(1024), new StringDecoder(UTF_8),
                MessageStreams.handler(String.class, maxBuffered, stream -> {
                    flooded.set(stream);
                    Future<Void> open = Asyncio.getRunningLoop().createFuture();
                    gate.set(open);
                    open.await();                          // the body is stuck until the test lets it go
                    while (true) {
                        mostBuffered.accumulateAndGet(stream.buffered(), Math::max);
                        if (stream.receive() == null) {
                            break;
                        }
                        received.incrementAndGet();
                    }
                })));
        String line = "x".repeat(99) + "\n";
        int lines = 200_000;                               // 20 MB: more than any socket buffer holds
        AtomicLong written = new AtomicLong();
        Thread flooder = Thread.ofPlatform().start(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                byte[] chunk = line.repeat(100).getBytes(UTF_8);
                for (int i = 0; i < lines / 100; i++) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The server stops reading with the buffer full, and the peer's writes stall: what it wrote stops
        // growing, well short of the whole.
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> flooded.get() != null && !flooded.get().channel().config().isAutoRead());
        assertEquals(maxBuffered, flooded.get().buffered());
        AtomicLong last = new AtomicLong(-1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> written.get() > 0 && last.getAndSet(written.get()) == written.get());
        assertTrue(written.get() < (long) lines * line.length() / 2, () -> written.get() + " bytes written");
        Asyncio.runCoroutineThreadsafe(() -> {
            gate.get().setResult(null);
            return null;
        }, loop).get(5, TimeUnit.SECONDS);
        flooder.join(Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == lines);
        assertTrue(mostBuffered.get() <= maxBuffered, () -> mostBuffered.get() + " messages buffered");
        assertTrue(mostBuffered.get() > 0);
    }

    /** Passes each buffer on, remembering it, so that the test can look at its reference count. */
    private static ChannelInboundHandlerAdapter recording(ConcurrentLinkedQueue<ByteBuf> arrived) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                arrived.add((ByteBuf) msg);
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Test
    void messagesBufferedAndNeverReceivedAreReleasedWhenTheBodyEnds() throws Exception {
        ConcurrentLinkedQueue<ByteBuf> arrived = new ConcurrentLinkedQueue<>();
        AtomicReference<MessageStream<ByteBuf>> streamSeen = new AtomicReference<>();
        AtomicReference<Future<Void>> gate = new AtomicReference<>();
        int port = serve(false, p -> p.addLast(recording(arrived), MessageStreams.handler(ByteBuf.class, stream -> {
            streamSeen.set(stream);
            stream.receive().release();                   // the body owns what it receives
            Future<Void> open = Asyncio.getRunningLoop().createFuture();
            gate.set(open);
            open.await();
        })));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 4; i++) {
                out.write(("chunk " + i).getBytes(UTF_8));
                out.flush();
                int seen = i + 1;
                // One read each: the next chunk goes only once this one arrived.
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.size() >= seen);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gate.get() != null);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> streamSeen.get() != null && !streamSeen.get().channel().isOpen());
        assertTrue(arrived.stream().skip(1).allMatch(b -> b.refCnt() > 0), "still buffered while the body runs");
        Asyncio.runCoroutineThreadsafe(() -> {
            gate.get().setResult(null);
            return null;
        }, loop).get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.stream().allMatch(b -> b.refCnt() == 0));
        LeakCheck.collectLeaks();
        assertEquals(List.of(), LeakCheck.takeLeaks());
    }

    @Test
    void aBodyThatClosesGetsNullAndItsBufferedMessagesAreReleased() throws Exception {
        ConcurrentLinkedQueue<ByteBuf> arrived = new ConcurrentLinkedQueue<>();
        AtomicReference<String> after = new AtomicReference<>();
        int port = serve(false, p -> p.addLast(recording(arrived), MessageStreams.handler(ByteBuf.class, stream -> {
            while (stream.buffered() < 2) {
                Asyncio.sleep(0.01);
            }
            stream.close();
            after.set(String.valueOf(stream.receive()));
        })));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("one".getBytes(UTF_8));
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.size() >= 1);
            out.write("two".getBytes(UTF_8));
            out.flush();
            assertEquals(-1, socket.getInputStream().read());
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> after.get() != null);
        assertEquals("null", after.get());
        assertTrue(arrived.stream().allMatch(b -> b.refCnt() == 0));
    }

    @Test
    void badArgumentsAreRefusedWithWhatToPass() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageStreams.handler(null, s -> { }))
                .getMessage().contains("pass the class"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageStreams.handler(String.class, 0, s -> { }))
                .getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageStreams.handler(String.class, null))
                .getMessage().contains("pass the body"));
    }
}
