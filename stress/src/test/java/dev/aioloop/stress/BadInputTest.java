package dev.aioloop.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import dev.aioloop.Future;
import dev.aioloop.Loop;
import dev.aioloop.netty.Streams;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
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
 * ran on must still run a task afterwards. New API is picked up by itself; the failure names the
 * method, the input and what it threw.
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

    // The types whose instance methods are called, on a sample made by sample(); the others' are not
    // reachable without a connection or a running body of their own (a StreamReader, a TaskGroup).
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

    /** Null, or what went wrong: the method, the input, and what it threw. */
    private String tryCall(Executable callable, int position, Object bad) throws Exception {
        tried++;
        Loop loop = Asyncio.newEventLoop();
        try {
            Object[] failure = {null};
            loop.runUntilComplete(() -> {
                Object[] args = defaults(callable.getParameterTypes(), loop);
                args[position] = bad;
                Throwable thrown = invokeBounded(callable, args, loop);
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
    private static Throwable invokeBounded(Executable callable, Object[] args, Loop loop) throws Exception {
        Throwable[] thrown = {null};
        Future<Void> call = loop.createTask(() -> {
            try {
                Object receiver = Modifier.isStatic(callable.getModifiers()) || callable instanceof Constructor<?>
                        ? null : sample(callable.getDeclaringClass(), loop);
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
        boolean bare = thrown instanceof NullPointerException || thrown instanceof AssertionError
                || thrown instanceof ClassCastException || thrown instanceof ArrayIndexOutOfBoundsException
                || thrown.getMessage() == null || thrown.getMessage().isBlank();
        return bare ? describe(callable, position, bad) + " threw " + thrown : null;
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
            boolean bare = thrown instanceof NullPointerException || thrown instanceof AssertionError
                    || thrown.getMessage() == null || thrown.getMessage().isBlank();
            return bare ? "Loop." + method.getName() + " on a closed loop threw " + thrown : null;
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
                    if (thrown instanceof NullPointerException || thrown instanceof AssertionError
                            || thrown.getMessage() == null || thrown.getMessage().isBlank()) {
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
            Map.entry(List.class, l -> List.of()));

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
