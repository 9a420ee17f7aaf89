package dev.aioloop.demo;

import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.setEventLoop;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;
import dev.aioloop.netty.MessageStream;
import dev.aioloop.netty.MessageStreams;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * An HTTP/1.1 server on a Netty group of its own: Netty's {@code HttpServerCodec} and
 * {@code HttpObjectAggregator} decode the requests, and one {@link MessageStream} body per
 * connection answers them, in order, on the connection's event-loop thread: keep-alive, pipelined
 * requests, and {@code /sleep?s=0.5}, which sleeps before it answers without holding up any other
 * connection. Until Ctrl-C: then it prints {@code bye}, stops accepting, lets the requests under
 * way finish, and closes the idle connections.
 */
@Command(name = HttpServer.NAME, description = "an HTTP/1.1 server, one MessageStream per connection, until Ctrl-C")
final class HttpServer implements Callable<Integer> {
    static final String NAME = "http-server";

    @Mixin
    Endpoint endpoint;

    /** A connection's body, as the shutdown sees it. */
    private static final class Connection {
        final MessageStream<FullHttpRequest> stream;
        // Written and read on the connection's event-loop thread only.
        boolean busy;

        Connection(MessageStream<FullHttpRequest> stream) {
            this.stream = stream;
        }
    }

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    // Completed once closing and every body has returned.
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    @Override
    public Integer call() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Loop main = newEventLoop();
        setEventLoop(main);
        try {
            ChannelFuture bind = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    MessageStreams.handler(FullHttpRequest.class, HttpServer.this::serve));
                        }
                    })
                    .bind(endpoint.host, endpoint.port).awaitUninterruptibly();
            if (!bind.isSuccess()) {
                System.err.println(NAME + ": cannot listen on " + endpoint + " (" + bind.cause().getMessage()
                        + "): give another --host (an address of this machine, e.g. 127.0.0.1) or --port (0: any free one)");
                return 1;
            }
            Channel listening = bind.channel();
            System.out.println(NAME + " listening on " + Endpoint.format(listening.localAddress()));
            // The main thread's loop does nothing but wait for Ctrl-C: the connections live on the group's loops.
            Scenario.runForeverOrBye();
            listening.close().sync();
            shutDown();
            return 0;
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            main.close();
            setEventLoop(null);
        }
    }

    /** One connection: each request answered in turn, the connection's count of requests as its state. */
    private void serve(MessageStream<FullHttpRequest> stream) throws Exception {
        Connection connection = new Connection(stream);
        connections.add(connection);
        try {
            int served = 0;
            for (FullHttpRequest request; !closing && (request = stream.receive()) != null; ) {
                connection.busy = true;
                boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
                FullHttpResponse response = answer(request, ++served);   // may sleep: other connections go on
                request.release();
                HttpUtil.setKeepAlive(response, keepAlive && !closing);
                stream.send(response);
                connection.busy = false;
                if (!keepAlive) {
                    break;
                }
            }
        } catch (IOException clientGone) {
            // A reset, or a client that left before its answer: nobody to answer, nothing to report.
        } finally {
            connections.remove(connection);
            if (closing && connections.isEmpty()) {
                drained.complete(null);
            }
        }
    }

    private static FullHttpResponse answer(FullHttpRequest request, int served) throws Exception {
        if (!request.decoderResult().isSuccess()) {
            return response(HttpResponseStatus.BAD_REQUEST, "bad request\n");
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        switch (uri.path()) {
            case "/" -> {
                return response(HttpResponseStatus.OK, "hello: request " + served + " on this connection\n");
            }
            case "/sleep" -> {
                List<String> s = uri.parameters().getOrDefault("s", List.of("1"));
                double seconds;
                try {
                    seconds = Double.parseDouble(s.getFirst());
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (!(seconds >= 0 && seconds <= 60)) {
                    return response(HttpResponseStatus.BAD_REQUEST, "/sleep?s=" + s.getFirst()
                            + ": give s as seconds from 0 to 60, e.g. /sleep?s=0.5\n");
                }
                Asyncio.sleep(seconds);
                return response(HttpResponseStatus.OK, "slept " + s.getFirst() + " s\n");
            }
            default -> {
                return response(HttpResponseStatus.NOT_FOUND, uri.path() + ": not found; try / or /sleep?s=0.5\n");
            }
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    /**
     * The graceful part of Ctrl-C: a request under way is answered (with {@code Connection: close}),
     * an idle connection is closed, and the group shuts down once every body has returned.
     */
    private void shutDown() throws InterruptedException {
        closing = true;
        for (Connection connection : List.copyOf(connections)) {
            Channel channel = connection.stream.channel();
            channel.eventLoop().execute(() -> {
                if (!connection.busy) {
                    connection.stream.close();
                }
            });
        }
        if (connections.isEmpty()) {
            drained.complete(null);
        }
        try {
            drained.get(65, TimeUnit.SECONDS);         // the longest /sleep, and some
        } catch (ExecutionException | TimeoutException e) {
            System.out.println(NAME + ": " + connections.size() + " connection(s) still busy, closing them anyway");
        }
    }
}
