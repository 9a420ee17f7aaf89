package sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.aioloop.Asyncio;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.Streams;
import java.net.InetSocketAddress;

/** An echo server and its client on one loop: aioloop-core's tasks, aioloop-netty's streams. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(echo("hello from aioloop"));
    }

    static String echo(String text) throws Exception {
        return Asyncio.run(() -> {
            StreamServer server = Streams.startServer((reader, writer) -> {
                writer.write(reader.readline());
                writer.drain();
                writer.close();
            }, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
            Connection c = Streams.openConnection("127.0.0.1", port);
            c.writer().write((text + "\n").getBytes(UTF_8));
            String echoed = new String(c.reader().readline(), UTF_8).strip();
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
            return "echoed: " + echoed;
        });
    }
}
