/**
 * aioloop's core: asyncio's event loop, tasks and toolkit, on a standalone Netty loop that the
 * calling thread drives. Tasks run as JDK continuations, so the JVM needs
 * {@code --add-exports java.base/jdk.internal.vm=dev.aioloop.core} when this module is on the module
 * path ({@code =ALL-UNNAMED} on the class path).
 */
// The qualified exports name aioloop's other modules, which are not built yet when core is.
@SuppressWarnings("module")
module dev.aioloop.core {
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    // ByteBuf: DatagramEndpoint copies datagrams out of Netty's buffers.
    requires io.netty.buffer;
    requires io.netty.transport.classes.epoll;
    // sun.misc.Signal, for Ctrl-C as KeyboardInterrupt.
    requires jdk.unsupported;
    // The dev.aioloop:type=Loops MBean and the JFR events. Both modules are in every JDK image; not
    // static, because the first loop touches both (it registers the MBean, it follows the recorder),
    // so an image without them must fail when linked, not at the first loop.
    requires java.management;
    requires jdk.jfr;

    exports dev.aioloop;
    exports dev.aioloop.queues;
    exports dev.aioloop.management;
    exports dev.aioloop.sync;
    exports dev.aioloop.spi to dev.aioloop.netty;
    exports dev.aioloop.internal to dev.aioloop.netty;

    uses dev.aioloop.spi.Hosting;
}
