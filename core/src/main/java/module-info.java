/**
 * aioloop's core: asyncio's event loop, tasks and toolkit, on a standalone Netty loop that the
 * calling thread drives. Tasks run as JDK continuations, so the JVM needs
 * {@code --add-exports java.base/jdk.internal.vm=dev.aioloop.core} when this module is on the module
 * path ({@code =ALL-UNNAMED} on the class path).
 */
// "module": the qualified exports name dev.aioloop.netty, which is not on the module path while core compiles.
@SuppressWarnings("module")
module dev.aioloop.core {
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires io.netty.transport.classes.epoll;
    // sun.misc.Signal, for Ctrl-C as KeyboardInterrupt.
    requires jdk.unsupported;

    exports dev.aioloop;
    exports dev.aioloop.queues;
    exports dev.aioloop.sync;
    exports dev.aioloop.spi to dev.aioloop.netty;
    exports dev.aioloop.internal to dev.aioloop.netty;

    uses dev.aioloop.spi.Hosting;
}
