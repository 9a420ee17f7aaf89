package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built jar's echo-server and echo-client, each in a process of its own, talking over loopback;
 * the server ends on a real SIGINT, or SIGTERM.
 */
class EchoIT {
    private static final String LISTENING = "echo-server listening on 127.0.0.1:";

    @Test
    void theServerEchoesEveryClientsLinesAndEndsOnCtrlCWithAClientStillConnected() throws Exception {
        try (DemoProcess server = DemoProcess.start("echo-server", "--port", "0")) {
            String port = port(server);

            try (DemoProcess client = DemoProcess.run("echo-client", "--port", port, "hello", "two words", "")) {
                assertEquals(0, client.awaitExit(), client.report());
                assertEquals(List.of("hello", "two words", ""), client.out(), client.report());
                assertEquals(List.of(), client.err(), client.report());
            }
            try (DemoProcess client = DemoProcess.runWithInput("from stdin\nsecond\nno newline at the end",
                    "echo-client", "--port", port)) {
                assertEquals(0, client.awaitExit(), client.report());
                assertEquals(List.of("from stdin", "second", "no newline at the end"), client.out(), client.report());
            }
            server.awaitLines(line -> line.startsWith("disconnected: "), 2);

            // A client that stays connected, waiting for its standard input, when Ctrl-C comes.
            try (DemoProcess idle = DemoProcess.start("echo-client", "--port", port)) {
                server.awaitLines(line -> line.startsWith("connected: "), 3);
                server.sigint();
                assertEquals(0, server.awaitExit(), server.report());
                List<String> out = server.out();
                List<String> connected = out.stream().filter(line -> line.startsWith("connected: ")).toList();
                String idlePeer = connected.get(2).substring("connected: ".length());
                // Ctrl-C first, then the server ends the connection still open.
                assertEquals(List.of("bye", "disconnected: " + idlePeer), out.subList(out.size() - 2, out.size()),
                        server.report());
                assertEquals(3, out.stream().filter(line -> line.startsWith("disconnected: ")).count(), server.report());
                // No warning from the JVM (native access) and no stack trace.
                assertEquals(List.of(), server.err(), server.report());

                // The server closed the idle client's connection: its first line gets no echo.
                idle.input("too late\n");
                assertEquals(1, idle.awaitExit(), idle.report());
                assertEquals(List.of(), idle.out(), idle.report());
                assertEquals(1, idle.err().size(), idle.report());
                assertTrue(idle.err().get(0).startsWith("echo-client: "), idle.report());
            }
        }
    }

    @Test
    void sigtermEndsTheServerGracefullyAsCtrlCDoes() throws Exception {
        try (DemoProcess server = DemoProcess.start("echo-server", "--port", "0")) {
            String port = port(server);
            try (DemoProcess idle = DemoProcess.start("echo-client", "--port", port)) {
                server.awaitLine(line -> line.startsWith("connected: "));
                server.signal("TERM");
                assertEquals(0, server.awaitExit(), server.report());
                List<String> out = server.out();
                String idlePeer = out.get(1).substring("connected: ".length());
                assertEquals(List.of("bye", "disconnected: " + idlePeer), out.subList(2, out.size()), server.report());
                assertEquals(List.of(), server.err(), server.report());
                // The idle client's connection was ended by the server, not left to the process's exit.
                idle.input("too late\n");
                assertEquals(1, idle.awaitExit(), idle.report());
            }
        }
    }

    @Test
    void aRefusedConnectionIsOneLineOfErrorAndAFailureStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (DemoProcess client = DemoProcess.run("echo-client", "--port", Integer.toString(closedPort), "hello")) {
            assertEquals(1, client.awaitExit(), client.report());
            assertEquals(List.of(), client.out(), client.report());
            assertEquals(1, client.err().size(), "one line, no stack trace:\n" + client.report());
            String error = client.err().get(0);
            assertTrue(error.startsWith("echo-client: cannot connect to 127.0.0.1:" + closedPort), client.report());
            assertTrue(error.contains("Connection refused"), client.report());
            assertTrue(error.contains("echo-server --port " + closedPort), "says what to do:\n" + client.report());
        }
    }

    @Test
    void aPortInUseIsRefusedWithWhatToDo() throws Exception {
        try (DemoProcess first = DemoProcess.start("echo-server", "--port", "0")) {
            String port = port(first);
            try (DemoProcess second = DemoProcess.run("echo-server", "--port", port)) {
                assertEquals(1, second.awaitExit(), second.report());
                assertEquals(List.of(), second.out(), second.report());
                assertEquals(1, second.err().size(), second.report());
                assertTrue(second.err().get(0).contains("Address already in use"), second.report());
                assertTrue(second.err().get(0).contains("--port (0: any free one)"), second.report());
            }
        }
    }

    @Test
    void badOptionsAreRefusedWithWhatToDo() throws Exception {
        try (DemoProcess client = DemoProcess.run("echo-client", "--port", "0", "hello")) {
            assertEquals(2, client.awaitExit(), client.report());
            assertTrue(client.err().get(0).contains("give a port from 1 to 65535"), client.report());
        }
        try (DemoProcess server = DemoProcess.run("echo-server", "--port", "65536")) {
            assertEquals(2, server.awaitExit(), server.report());
            assertTrue(server.err().get(0).contains("give a port from 1 to 65535, or 0 for any free one"),
                    server.report());
        }
        try (DemoProcess client = DemoProcess.run("echo-client", "one\ntwo")) {
            assertEquals(2, client.awaitExit(), client.report());
            assertTrue(client.err().get(0).contains("give each line as an argument of its own"), client.report());
        }
    }

    /** The port the server printed it listens on. */
    private static String port(DemoProcess server) {
        server.awaitLine(line -> line.startsWith(LISTENING));
        String line = server.out().stream().filter(l -> l.startsWith(LISTENING)).findFirst().orElseThrow();
        return line.substring(LISTENING.length());
    }
}
