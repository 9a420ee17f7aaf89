package dev.aioloop.demo;

import static dev.aioloop.Asyncio.currentTask;
import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.setEventLoop;

import dev.aioloop.Loop;
import dev.aioloop.Task;
import dev.aioloop.netty.LimitOverrunError;
import dev.aioloop.netty.StreamReader;
import dev.aioloop.netty.StreamServer;
import dev.aioloop.netty.StreamWriter;
import dev.aioloop.netty.Streams;
import java.io.IOException;
import java.nio.channels.UnresolvedAddressException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * An echo server on asyncio streams: each client's lines come back to it as they arrive
 * ({@code readline}, {@code write}, {@code drain}). It prints the address it listens on, then one
 * line per client connecting and leaving, and serves until Ctrl-C or SIGTERM (a service manager's
 * stop, {@code loop.addSignalHandler}): then it prints {@code bye}, ends the connections still open,
 * and waits for the server to be closed.
 */
@Command(name = EchoServer.NAME,
        description = "an echo server on asyncio streams, line by line, until Ctrl-C or SIGTERM")
final class EchoServer implements Callable<Integer> {
    static final String NAME = "echo-server";

    @Mixin
    Endpoint endpoint;

    // The tasks serving a connection, to end them on Ctrl-C or SIGTERM: the server's waitClosed()
    // waits for every connection, and a client may never hang up by itself. Touched on the loop's
    // thread only.
    private final Set<Task<?>> clients = new HashSet<>();
    // Set on Ctrl-C or SIGTERM, as the tasks in `clients` are cancelled: the task of a connection
    // accepted just before has not started yet, so it is not among them, and once it starts it must
    // close its connection instead of waiting for a line that may never come.
    private boolean closing;

    @Override
    public Integer call() throws Exception {
        Loop loop = newEventLoop();
        setEventLoop(loop);
        try {
            StreamServer server;
            try {
                server = loop.runUntilComplete(() -> Streams.startServer(this::echo, endpoint.host, endpoint.port));
            } catch (IOException | UnresolvedAddressException e) {
                // Netty reports an unknown host name with an exception that has no message.
                String reason = e instanceof UnresolvedAddressException ? "unknown host" : e.getMessage();
                System.err.println(NAME + ": cannot listen on " + endpoint + " (" + reason + "): give another "
                        + "--host (an address of this machine, e.g. 127.0.0.1) or --port (0: any free one)");
                return 1;
            }
            System.out.println(NAME + " listening on " + Endpoint.format(server.addresses().get(0)));
            loop.addSignalHandler("TERM", () -> {
                System.out.println("bye");
                loop.stop();
            });
            Scenario.runForeverOrBye();
            loop.runUntilComplete(() -> {
                server.close();
                closing = true;
                for (Task<?> client : List.copyOf(clients)) {
                    client.cancel();
                }
                server.waitClosed();
                return null;
            });
            return 0;
        } finally {
            loop.close();
            setEventLoop(null);
        }
    }

    /** Serves one client, in a task of its own. */
    private void echo(StreamReader reader, StreamWriter writer) throws Exception {
        String peer = Endpoint.format(writer.peerName());
        clients.add(currentTask());
        System.out.println("connected: " + peer);
        try {
            for (byte[] line; !closing && (line = reader.readline()).length > 0; ) {
                writer.write(line);
                writer.drain();
            }
        } catch (LimitOverrunError e) {
            System.out.println(peer + ": a line longer than " + Streams.DEFAULT_LIMIT + " bytes, closing");
        } catch (IOException e) {
            System.out.println(peer + ": " + e.getMessage());
        } finally {
            clients.remove(currentTask());
            writer.close();
            System.out.println("disconnected: " + peer);
        }
    }
}
