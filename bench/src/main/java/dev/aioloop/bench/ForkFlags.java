package dev.aioloop.bench;

/** The JVM flags every JMH fork of the microbenchmarks gets: continuations, and the epoll driver's native access. */
final class ForkFlags {
    static final String CONTINUATIONS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private ForkFlags() {
    }
}
