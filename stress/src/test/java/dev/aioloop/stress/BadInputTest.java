package dev.aioloop.stress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.DatagramEndpoint;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.MessageStream;
import dev.aioloop.netty.MessageStreams;
import dev.aioloop.netty.StreamReader;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.StreamWriter;
import dev.aioloop.netty.Streams;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public method and constructor of core's and the adapter's exported packages, found by
 * reflection, called with bad input where its parameters take it: null for each reference, NaN,
 * infinities, negative and huge numbers for each number; and every method of {@link Loop} on a closed
 * loop. Each call runs in a task of a fresh loop, bounded in time. A call may accept the input (null
 * can mean "the default"), but one that throws must throw an exception with a message, never a bare
 * {@link NullPointerException}, an {@link AssertionError} or a message-less exception; and the loop it
 * ran on must still run a task afterwards. The objects that need a connection, a server or a socket
 * get live ones. New API is picked up by itself; the failure names the method, the input and what it
 * threw.
 */
class BadInputTest {
    private static final List<String> PACKAGES = List.of("dev/aioloop/", "dev/aioloop/sync/", "dev/aioloop/queues/",
            "dev/aioloop/netty/");

    /**
     * Not called, each for its reason. A name is "Class.method", or "Class" for a whole class.
     */
    private static final Map<String, String> EXCLUDED = Map.of(
            "StreamServer.serveForever", "serves until the server is closed: no bad input, only a wait",
            "Loop.runForever", "on a fresh loop outside a task it would run forever; refused inside one (tested in core)",
            "Asyncio.run", "runs its own loop on the calling thread; its refusals are core's RunTest's",
            "ExceptionHandler", "a callback interface the user implements: nothing of aioloop's to call",
            "TaskObserver", "a callback interface the user implements",
            "ClientConnected", "a callback interface the user implements");

    // The types whose instance methods are called, on a sample made by sample(); those that need a
    // connection get live ones in the second test, and a TaskGroup, which needs a body, none.
    private static final Set<Class<?>> RECEIVERS = Set.of(Loop.class, Future.class, dev.aioloop.Task.class,
            dev.aioloop.Handle.class, dev.aioloop.TimerHandle.class, dev.aioloop.sync.Event.class,
            dev.aioloop.sync.Lock.class, dev.aioloop.sync.Semaphore.class, dev.aioloop.sync.BoundedSemaphore.class,
            dev.aioloop.sync.Condition.class, dev.aioloop.sync.Barrier.class, dev.aioloop.queues.Queue.class, dev.aioloop.queues.LifoQueue.class,
            dev.aioloop.queues.PriorityQueue.class);

    private static final double[] DOUBLES = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, 1e300};
    private static final long[] LONGS = {-1, Long.MIN_VALUE, Long.MAX_VALUE};
    private static final int[] INTS = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE};

    private int tried;

    @Test
    void everyPublicMethodRefusesBadInputWithAMessageAndTheLoopGoesOn() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            for (Executable callable : callables(type)) {
                boolean needsReceiver = callable instanceof Method && !Modifier.isStatic(callable.getModifiers());
                if (needsReceiver && !RECEIVERS.contains(type)) {
                    continue;
                }
                for (int p = 0; p < callable.getParameterCount(); p++) {
                    for (Object bad : badValues(callable.getParameterTypes()[p])) {
                        String failure = tryCall(callable, p, bad);
                        if (failure != null) {
                            failures.add(failure);
                        }
                    }
                }
            }
        }
        for (Method method : Loop.class.getMethods()) {
            if (method.getDeclaringClass() == Loop.class && !Modifier.isStatic(method.getModifiers())) {
                String failure = onClosedLoop(method);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        failures.addAll(fromAForeignThread());
        assertEquals(List.of(), failures, failures.size() + " of " + tried + " bad inputs were refused badly");
        assertTrue(tried > 250, "only " + tried + " bad inputs tried: the enumeration found too little");
    }

    /** How a live object shows it still works: an echo comes back, a datagram arrives. */
    private interface Works {
        void check() throws Exception;
    }

    private static final byte[] PING = "ping\n".getBytes(UTF_8);

    /**
     * The objects that need a connection, a server or a socket: a loopback echo connection's reader and
     * writer, its server, a UDP endpoint, and a MessageStream at the end of a pipeline. Each public
     * method gets the bad values for each parameter, then every method is called from a foreign thread,
     * then on the closed object; a refusal must say what to pass, and after each bad value the object
     * still works.
     */
    @Test
    void liveConnectionsServersAndEndpointsRefuseBadInputWithAMessageAndGoOn() throws Exception {
        List<String> failures = new ArrayList<>();
        Asyncio.run(() -> {
            Loop loop = Asyncio.getRunningLoop();
            StreamServer server = Streams.startServer(Soak::echo, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
            Connection c = Streams.openConnection("127.0.0.1", port);
            Works echoes = () -> echo(c);
            DatagramEndpoint udp = loop.createDatagramEndpoint("127.0.0.1", 0, null, 0);
            Works datagrams = () -> {
                udp.sendto(PING, udp.localAddress());
                if (!Arrays.equals(PING, Asyncio.waitFor(() -> udp.recvfrom(), 5).data())) {
                    throw new IllegalStateException("a datagram to itself came back changed");
                }
            };
            Works serves = () -> {
                Connection other = Streams.openConnection("127.0.0.1", port);
                try {
                    echo(other);
                } finally {
                    other.writer().close();
                }
            };
            live(c.reader(), StreamReader.class, echoes, null, loop, failures);
            live(udp, DatagramEndpoint.class, datagrams, udp::close, loop, failures);
            live(c.writer(), StreamWriter.class, echoes, c.writer()::close, loop, failures);
            live(server, StreamServer.class, serves, server::close, loop, failures);
            closed(c.reader(), StreamReader.class, loop, failures);
        });
        failures.addAll(onAMessageStream());
        assertEquals(List.of(), failures, failures.size() + " of " + tried + " bad inputs to live objects were refused badly");
        assertTrue(tried > 100, "only " + tried + " bad inputs tried on live objects");
    }

    /** A MessageStream of lines, on a loop hosted by a server's Netty event loop; a plain socket echoes its lines. */
    private List<String> onAMessageStream() throws Exception {
        List<String> failures = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            MessageStreams.Body<String> body = stream -> {
                try {
                    Works echoes = () -> {
                        stream.send("ping\n");
                        if (!"ping".equals(Asyncio.waitFor(() -> stream.receive(), 5))) {
                            throw new IllegalStateException("the echoed line came back changed");
                        }
                    };
                    live(stream, MessageStream.class, echoes, stream::close, Asyncio.getRunningLoop(), failures);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            };
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new LineBasedFrameDecoder(1024), new StringDecoder(UTF_8),
                                    new StringEncoder(UTF_8), MessageStreams.handler(String.class, body));
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            try (Socket peer = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                Thread echo = Thread.ofPlatform().name("bad-input-line-echo").start(() -> {
                    try {
                        BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), UTF_8));
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            peer.getOutputStream().write((line + "\n").getBytes(UTF_8));
                        }
                    } catch (IOException closed) {
                        // The stream closed its channel: the echo ends.
                    }
                });
                done.get(60, TimeUnit.SECONDS);
                echo.join(5000);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        return failures;
    }

    private static void echo(Connection c) throws Exception {
        c.writer().write(PING);
        c.writer().drain();
        if (!Arrays.equals(PING, Asyncio.waitFor(() -> c.reader().readexactly(PING.length), 5))) {
            throw new IllegalStateException("the echo came back changed");
        }
    }

    /** The bad values on {@code receiver} (checking it works after each), every method from a foreign thread, then closed. */
    private void live(Object receiver, Class<?> type, Works works, Runnable close, Loop loop, List<String> failures)
            throws Exception {
        for (Executable callable : callables(type)) {
            if (!(callable instanceof Method m) || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            for (int p = 0; p < m.getParameterCount(); p++) {
                for (Object bad : badValues(m.getParameterTypes()[p])) {
                    tried++;
                    Object[] args = defaults(m.getParameterTypes(), loop);
                    args[p] = bad;
                    String failure = judge(m, p, bad, invokeBounded(m, l -> receiver, args, loop));
                    if (failure != null) {
                        failures.add(failure);
                    }
                    try {
                        works.check();
                    } catch (Exception broken) {
                        failures.add(describe(m, p, bad) + ": the " + type.getSimpleName() + " no longer works: " + broken);
                    }
                }
            }
        }
        for (Method m : instanceMethods(type)) {
            tried++;
            Object[] args = defaults(m.getParameterTypes(), loop);
            Throwable thrown = Asyncio.toThread(() -> {
                try {
                    m.invoke(receiver, args);
                    return null;
                } catch (InvocationTargetException e) {
                    return e.getCause();
                }
            });
            if (thrown != null && bare(thrown)) {
                failures.add(type.getSimpleName() + "." + m.getName() + " from a foreign thread threw " + thrown);
            }
        }
        if (close != null) {
            close.run();
            closed(receiver, type, loop, failures);
        }
    }

    /** Every method of a closed object, with good arguments: done, or refused with a message. */
    private void closed(Object receiver, Class<?> type, Loop loop, List<String> failures) throws Exception {
        for (Method m : instanceMethods(type)) {
            tried++;
            Throwable thrown = invokeBounded(m, l -> receiver, defaults(m.getParameterTypes(), loop), loop);
            if (thrown != null && !(thrown instanceof IOException) && bare(thrown)) {
                failures.add(type.getSimpleName() + "." + m.getName() + " once closed threw " + thrown);
            }
        }
    }

    private static List<Method> instanceMethods(Class<?> type) {
        return callables(type).stream().filter(c -> c instanceof Method m && !Modifier.isStatic(m.getModifiers()))
                .map(Method.class::cast).toList();
    }

    /** Null, or what went wrong: the method, the input, and what it threw. */
    private String tryCall(Executable callable, int position, Object bad) throws Exception {
        tried++;
        Loop loop = Asyncio.newEventLoop();
        try {
            Object[] failure = {null};
            loop.runUntilComplete(() -> {
                Object[] args = defaults(callable.getParameterTypes(), loop);
                args[position] = bad;
                Throwable thrown = invokeBounded(callable, l -> sample(callable.getDeclaringClass(), l), args, loop);
                failure[0] = judge(callable, position, bad, thrown);
            });
            // The loop goes on: a task still runs to its end.
            if (!loop.isClosed() && loop.runUntilComplete(() -> Asyncio.sleep(0, 7)) != 7) {
                return describe(callable, position, bad) + ": the loop no longer runs a task";
            }
            return (String) failure[0];
        } finally {
            Asyncio.setEventLoop(null);
            if (!loop.isClosed() && !loop.isRunning()) {
                loop.close();
            }
        }
    }

    /** Calls in a task of its own, given a tenth of a second: a call that waits accepted its input. */
    private static Throwable invokeBounded(Executable callable, Function<Loop, Object> receiverOf, Object[] args,
            Loop loop) throws Exception {
        Throwable[] thrown = {null};
        Future<Void> call = loop.createTask(() -> {
            try {
                Object receiver = Modifier.isStatic(callable.getModifiers()) || callable instanceof Constructor<?>
                        ? null : receiverOf.apply(loop);
                if (callable instanceof Method m) {
                    Object result = m.invoke(receiver, args);
                    if (result instanceof Future<?> f && f.loop() == loop && !f.done()) {
                        Asyncio.waitFor(f, 0.1);
                    }
                } else {
                    ((Constructor<?>) callable).newInstance(args);
                }
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        try {
            Asyncio.waitFor(Asyncio.shield(call), 0.1);
        } catch (dev.aioloop.TimeoutError waiting) {
            call.cancel();
            try {
                call.await();
            } catch (Exception ignored) {
                // Cancelled, as asked.
            }
        }
        return thrown[0];
    }

    private static String judge(Executable callable, int position, Object bad, Throwable thrown) {
        if (thrown == null || thrown instanceof IOException || thrown instanceof dev.aioloop.TimeoutError
                || thrown instanceof dev.aioloop.CancelledError) {
            // Accepted (and maybe waited, until cancelled at the bound), or refused by the network: a
            // connect to a port nobody listens on.
            return null;
        }
        return bare(thrown) ? describe(callable, position, bad) + " threw " + thrown : null;
    }

    /** An exception that does not say what to pass: a bare NPE, an assertion, a cast, an index, no message. */
    private static boolean bare(Throwable thrown) {
        return thrown instanceof NullPointerException || thrown instanceof AssertionError
                || thrown instanceof ClassCastException || thrown instanceof IndexOutOfBoundsException
                || thrown.getMessage() == null || thrown.getMessage().isBlank();
    }

    private static String onClosedLoop(Method method) throws Exception {
        if (EXCLUDED.containsKey("Loop." + method.getName())) {
            return null;
        }
        Loop loop = Asyncio.newEventLoop();
        loop.close();
        try {
            method.invoke(loop, defaults(method.getParameterTypes(), loop));
            return null;
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            return bare(thrown) ? "Loop." + method.getName() + " on a closed loop threw " + thrown : null;
        }
    }

    /**
     * Every method of a loop running on another thread, called from this one: refused with a message
     * or accepted, and the loop still answers a thread-safe callback after each.
     */
    private List<String> fromAForeignThread() throws Exception {
        List<String> failures = new ArrayList<>();
        Loop loop = Asyncio.newEventLoop();
        Thread runner = new Thread(loop::runForever, "bad-input-runner");
        runner.start();
        try {
            for (Method method : Loop.class.getMethods()) {
                // stop() from any thread is what it is for; the others are tried.
                if (method.getDeclaringClass() != Loop.class || Modifier.isStatic(method.getModifiers())
                        || method.getName().equals("stop")) {
                    continue;
                }
                tried++;
                try {
                    method.invoke(loop, defaults(method.getParameterTypes(), loop));
                } catch (InvocationTargetException e) {
                    Throwable thrown = e.getCause();
                    if (bare(thrown)) {
                        failures.add("Loop." + method.getName() + " from a foreign thread threw " + thrown);
                    }
                }
                CompletableFuture<Boolean> alive = new CompletableFuture<>();
                loop.callSoonThreadsafe(() -> alive.complete(true));
                if (!alive.get(5, TimeUnit.SECONDS)) {
                    failures.add("Loop." + method.getName() + " from a foreign thread left the loop unresponsive");
                }
            }
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join(5000);
            loop.close();
        }
        return failures;
    }

    private static String describe(Executable callable, int position, Object bad) {
        return callable.getDeclaringClass().getSimpleName() + "." + (callable instanceof Method m ? m.getName() : "<init>")
                + Arrays.toString(callable.getParameterTypes()).replace("class ", "").replace("interface ", "")
                + " with argument " + position + " = " + bad;
    }

    // ---- what to call ----

    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> anchor : List.of(Loop.class, Streams.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            // A directory when one module's tests run alone; the module's jar in a reactor's verify.
            if (Files.isDirectory(location)) {
                addPublicTypes(location, types);
            } else {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(location)) {
                    addPublicTypes(jar.getPath("/"), types);
                }
            }
        }
        return types;
    }

    private static void addPublicTypes(Path root, List<Class<?>> types) throws IOException, ClassNotFoundException {
        for (String pkg : PACKAGES) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = (pkg + file.getFileName()).replace('/', '.').replace(".class", "");
                    Class<?> type = Class.forName(name, false, BadInputTest.class.getClassLoader());
                    if (isPublic(type) && !EXCLUDED.containsKey(type.getSimpleName())) {
                        types.add(type);
                    }
                }
            }
        }
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static List<Executable> callables(Class<?> type) {
        List<Executable> callables = new ArrayList<>();
        if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
            callables.addAll(Arrays.asList(type.getConstructors()));
        }
        for (Method m : type.getDeclaredMethods()) {
            // Object's methods, and the enum methods javac writes, are not aioloop's to check.
            boolean object = Set.of("equals", "hashCode", "toString").contains(m.getName())
                    || type.isEnum() && Set.of("valueOf", "values").contains(m.getName());
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !object
                    && !Modifier.isAbstract(m.getModifiers())
                    && !EXCLUDED.containsKey(type.getSimpleName() + "." + m.getName())) {
                callables.add(m);
            }
        }
        return callables;
    }

    private static List<Object> badValues(Class<?> type) {
        List<Object> values = new ArrayList<>();
        if (type == double.class || type == float.class) {
            for (double d : DOUBLES) {
                values.add(type == float.class ? (Object) (float) d : (Object) d);
            }
        } else if (type == long.class) {
            for (long l : LONGS) {
                values.add(l);
            }
        } else if (type == int.class) {
            for (int i : INTS) {
                values.add(i);
            }
        } else if (type == Duration.class) {
            values.add(null);
            values.add(Duration.ofSeconds(-1));
            values.add(Duration.ofSeconds(Long.MAX_VALUE));
        } else if (!type.isPrimitive()) {
            values.add(null);
        }
        return values;
    }

    // ---- good values for the other parameters ----

    private static Object[] defaults(Class<?>[] types, Loop loop) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = sample(types[i], loop);
        }
        return args;
    }

    private static final Map<Class<?>, Function<Loop, Object>> SAMPLES = Map.ofEntries(
            Map.entry(double.class, l -> 0.01), Map.entry(float.class, l -> 0.01f), Map.entry(long.class, l -> 1L),
            Map.entry(int.class, l -> 1), Map.entry(short.class, l -> (short) 1), Map.entry(byte.class, l -> (byte) 1),
            Map.entry(boolean.class, l -> false), Map.entry(char.class, l -> 'x'),
            Map.entry(String.class, l -> "127.0.0.1"), Map.entry(Object.class, l -> "x"),
            Map.entry(Duration.class, l -> Duration.ofMillis(10)), Map.entry(TimeUnit.class, l -> TimeUnit.MILLISECONDS),
            Map.entry(Loop.class, l -> l), Map.entry(byte[].class, l -> new byte[] {'\n'}),
            Map.entry(Throwable.class, l -> new IllegalStateException("sample")),
            Map.entry(Exception.class, l -> new IllegalStateException("sample")),
            Map.entry(Future.class, Loop::createFuture),
            Map.entry(dev.aioloop.Task.class, l -> l.createTask(() -> Asyncio.sleep(10))),
            Map.entry(dev.aioloop.Handle.class, l -> l.callSoon(() -> { })),
            Map.entry(dev.aioloop.TimerHandle.class, l -> l.callLater(10, () -> { })),
            Map.entry(dev.aioloop.Awaitable.class, l -> l.createFuture()),
            Map.entry(java.util.concurrent.CompletionStage.class, l -> new CompletableFuture<>()),
            Map.entry(java.util.concurrent.Executor.class, l -> (java.util.concurrent.Executor) Runnable::run),
            Map.entry(io.netty.util.concurrent.EventExecutor.class, Loop::nettyExecutor),
            Map.entry(io.netty.channel.EventLoop.class, Loop::nettyEventLoop),
            Map.entry(Iterable.class, l -> List.of()), Map.entry(java.util.Collection.class, l -> List.of()),
            Map.entry(List.class, l -> List.of()),
            Map.entry(java.net.SocketAddress.class, l -> new InetSocketAddress("127.0.0.1", 9)));

    /** A good value of {@code type}: from the table, an empty array, a no-arg instance, or an interface's stand-in. */
    static Object sample(Class<?> type, Loop loop) {
        Function<Loop, Object> known = SAMPLES.get(type);
        if (known != null) {
            return known.apply(loop);
        }
        if (type.isArray()) {
            return java.lang.reflect.Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isInterface()) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, a) -> standIn(m, proxy, a));
        }
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException noDefault) {
            try {
                // A semaphore's value, a barrier's parties.
                return type.getConstructor(int.class).newInstance(1);
            } catch (ReflectiveOperationException | RuntimeException none) {
                return null;
            }
        }
    }

    private static Object standIn(Method m, Object proxy, Object[] args) {
        return switch (m.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "stand-in " + m.getDeclaringClass().getSimpleName();
            default -> m.getReturnType() == boolean.class ? false
                    : m.getReturnType().isPrimitive() && m.getReturnType() != void.class ? 0 : null;
        };
    }
}
