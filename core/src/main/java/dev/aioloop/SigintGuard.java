package dev.aioloop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Turns a SIGINT into a {@link KeyboardInterrupt} while the main thread runs a loop, and gives the
 * signal back to the JVM's default handling afterwards. The signal arrives on a JVM thread of its
 * own, so it only raises a flag and wakes the loop; the loop throws between two callbacks, which
 * leaves its state whole.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection: javac warns at every mention of it by name
 * ("internal proprietary API"), a warning that no option or annotation silences.
 */
final class SigintGuard implements AutoCloseable {
    private static final Class<?> HANDLER;
    private static final Object INT;
    private static final Method HANDLE;

    static {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            INT = signal.getConstructor(String.class).newInstance("INT");
            HANDLE = signal.getMethod("handle", signal, HANDLER);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object previous;

    private SigintGuard(Object previous) {
        this.previous = previous;
    }

    /** Installs the guard if the calling thread is the main thread; returns null otherwise. */
    static SigintGuard install(Loop loop) {
        if (!ThreadLoops.isMainThread()) {
            return null;
        }
        Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        loop.interrupt();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "aioloop's SIGINT guard";
                });
        try {
            return new SigintGuard(handle(handler));
        } catch (IllegalArgumentException e) {
            // The JVM runs with -Xrs or the signal is reserved: Ctrl-C keeps its default behaviour.
            return null;
        }
    }

    @Override
    public void close() {
        handle(previous);
    }

    /** {@code Signal.handle(INT, handler)}: installs {@code handler} and returns the one it replaced. */
    private static Object handle(Object handler) {
        try {
            return HANDLE.invoke(null, INT, handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("sun.misc.Signal.handle failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("sun.misc.Signal.handle is not accessible", e);
        }
    }
}
