package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.internal.JvmFlags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standalone driver loads Netty's native epoll only where the JVM grants native access, so that
 * a program that did not ask for it gets no "restricted method" warning from the JDK.
 */
class NativeAccessTest {

    @Test
    void withoutNativeAccessTheLoopRunsOnNioAndTheJvmWarnsOfNothing() throws Exception {
        try (ChildJvm child = ChildJvm.start(flags(), NativeAccessChild.class)) {
            assertEquals(0, child.awaitExit(), child.describe());

            assertEquals(List.of("transport nio"), child.out(), child.describe());
            assertEquals(List.of(), child.err(), "the JDK warned of a restricted method");
        }
    }

    @Test
    void withNativeAccessTheLoopRunsOnEpollWhereItLoads() throws Exception {
        List<String> flags = flags();
        flags.add("--enable-native-access=ALL-UNNAMED");
        try (ChildJvm child = ChildJvm.start(flags, NativeAccessChild.class, "ask")) {
            assertEquals(0, child.awaitExit(), child.describe());

            boolean epoll = child.out().contains("epoll available true");
            assertEquals(List.of("transport " + (epoll ? "epoll" : "nio"), "epoll available " + epoll), child.out(),
                    child.describe());
            assertEquals(List.of(), child.err());
        }
    }

    private static List<String> flags() {
        return new ArrayList<>(List.of(JvmFlags.continuationFlag().split(" ")));
    }
}
