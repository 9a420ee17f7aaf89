package dev.aioloop;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which frames of a stack are the user's: dumps, call graphs and reports show those, with aioloop's
 * own frames (the await machinery, the loop, the continuation's entry) left out.
 *
 * <p>A frame is aioloop's own when its class is in one of aioloop's packages and comes from where
 * aioloop's classes come from: the name alone would also hide a user's classes put in
 * {@code dev.aioloop} (core's own tests are), and the code source alone would hide an application
 * shaded into one jar with aioloop (the demo is).
 */
final class Frames {
    private static final Set<String> OWN_PACKAGES = Set.of("dev.aioloop", "dev.aioloop.sync", "dev.aioloop.queues",
            "dev.aioloop.internal", "dev.aioloop.internal.waiting", "dev.aioloop.spi", "dev.aioloop.management");
    // The adapter cannot be compared with core's code source (it is another jar): its packages are its own.
    private static final String ADAPTER = "dev.aioloop.netty";
    private static final CodeSource CORE = Frames.class.getProtectionDomain().getCodeSource();
    private static final Map<String, Boolean> OWN = new ConcurrentHashMap<>();

    private Frames() {
    }

    /** The user's frames of {@code stack}, in its order. */
    static StackTraceElement[] user(StackTraceElement[] stack) {
        List<StackTraceElement> kept = new ArrayList<>(stack.length);
        for (StackTraceElement f : stack) {
            if (!isOwn(f)) {
                kept.add(f);
            }
        }
        return kept.toArray(new StackTraceElement[0]);
    }

    /**
     * The innermost frame of {@code stack} that is neither aioloop's nor the JDK's: the user's code
     * that made the call (the one that calls {@code Thread.sleep}, say), or null.
     */
    static StackTraceElement firstUser(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (!isOwn(f) && !isJdk(f)) {
                return f;
            }
        }
        return null;
    }

    static boolean isOwn(StackTraceElement f) {
        return isOwn(f.getClassName());
    }

    static boolean isOwn(String name) {
        if (name.startsWith("jdk.internal.vm.")) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        if (pkg.equals(ADAPTER) || pkg.startsWith(ADAPTER + ".")) {
            return true;
        }
        if (!OWN_PACKAGES.contains(pkg)) {
            return false;
        }
        return OWN.computeIfAbsent(name, Frames::fromCore);
    }

    private static boolean isJdk(StackTraceElement f) {
        String name = f.getClassName();
        return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    private static boolean fromCore(String className) {
        // A lambda's hidden class cannot be loaded by name: its host class says where it comes from.
        int hidden = className.indexOf("$$");
        String loadable = hidden < 0 ? className : className.substring(0, hidden);
        try {
            Class<?> c = Class.forName(loadable, false, Frames.class.getClassLoader());
            return Objects.equals(c.getProtectionDomain().getCodeSource(), CORE);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
