package dev.aioloop;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loop's signal handlers ({@link Loop#addSignalHandler}) and the JVM's signal API under them. A
 * signal arrives on a JVM thread of its own, so the JVM-level handler only schedules the callback
 * with {@link Loop#callSoonThreadsafe}, and the callback runs on the loop's thread between two others.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection: javac warns at every mention of it by name
 * ("internal proprietary API"), a warning that no option or annotation silences.
 */
final class SignalHandlers {
    /** The signals a program may handle: those of asyncio's servers that the JVM leaves to programs. */
    static final List<String> SUPPORTED = List.of("INT", "TERM", "HUP", "USR1", "USR2");

    private static final Class<?> HANDLER;
    private static final Constructor<?> SIGNAL;
    private static final Method HANDLE;

    static {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            SIGNAL = signal.getConstructor(String.class);
            HANDLE = signal.getMethod("handle", signal, HANDLER);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What a signal had before this loop's handler, and that handler: to put back what it replaced. */
    private record Installed(Object handler, Object previous) {
    }

    private final Loop loop;
    private final Map<String, Installed> installed = new HashMap<>();

    SignalHandlers(Loop loop) {
        this.loop = loop;
    }

    void add(String signal, Runnable callback) {
        if (signal == null || !SUPPORTED.contains(signal)) {
            throw new IllegalArgumentException("addSignalHandler(" + signal + ", ...): give one of " + SUPPORTED
                    + " (the name without SIG)");
        }
        if (callback == null) {
            throw new IllegalArgumentException("addSignalHandler(" + signal + ", null): pass the callback to run");
        }
        Object handler = jvmHandler("aioloop's SIG" + signal + " handler of " + loop, () -> {
            try {
                loop.callSoonThreadsafe(callback);
            } catch (IllegalStateException closed) {
                // The loop closed as the signal came: nobody is left to run the callback.
            }
        });
        Object previous;
        try {
            previous = handle(signal, handler);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("addSignalHandler(" + signal + ", ...): this JVM does not let programs "
                    + "handle SIG" + signal + " (" + e.getMessage() + "; -Xrs reserves INT, TERM and HUP)", e);
        }
        Installed replaced = installed.get(signal);
        // A second handler of this loop for the same signal: removal puts back what the first replaced.
        installed.put(signal, new Installed(handler, replaced != null ? replaced.previous() : previous));
    }

    boolean remove(String signal) {
        if (signal == null || !SUPPORTED.contains(signal)) {
            throw new IllegalArgumentException("removeSignalHandler(" + signal + "): give one of " + SUPPORTED
                    + " (the name without SIG)");
        }
        Installed mine = installed.remove(signal);
        if (mine == null) {
            return false;
        }
        Object current = handle(signal, mine.previous());
        if (current != mine.handler()) {
            // Someone replaced this loop's handler since: theirs stays.
            handle(signal, current);
        }
        return true;
    }

    boolean has(String signal) {
        return installed.containsKey(signal);
    }

    /** Removes every handler of the loop, as its close does. */
    void removeAll() {
        for (String signal : List.copyOf(installed.keySet())) {
            remove(signal);
        }
    }

    /** A {@code sun.misc.SignalHandler} that runs {@code onSignal}. */
    static Object jvmHandler(String description, Runnable onSignal) {
        return Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        onSignal.run();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> description;
                });
    }

    /**
     * {@code Signal.handle(new Signal(signal), handler)}: installs {@code handler} and returns the one
     * it replaced.
     *
     * @throws IllegalArgumentException if the JVM keeps the signal for itself
     */
    static Object handle(String signal, Object handler) {
        try {
            return HANDLE.invoke(null, SIGNAL.newInstance(signal), handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("sun.misc.Signal.handle failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Signal is not accessible", e);
        }
    }
}
