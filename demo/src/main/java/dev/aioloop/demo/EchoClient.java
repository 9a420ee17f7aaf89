package dev.aioloop.demo;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.getRunningLoop;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.aioloop.Asyncio;
import dev.aioloop.KeyboardInterrupt;
import dev.aioloop.netty.Connection;
import dev.aioloop.netty.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The client of {@link EchoServer}: sends each message as a line, waits for it to come back and
 * prints it. The messages are the arguments, or else the lines of standard input until its end,
 * read on another thread so that the loop never blocks.
 */
@Command(name = "echo-client",
        description = "sends lines to an echo server (the arguments, or standard input) and prints the replies")
final class EchoClient implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    Endpoint endpoint;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*",
            description = "A line to send; with none, the lines of standard input until its end.")
    List<String> messages = List.of();

    /** Where the lines to send come from: the arguments, or standard input. */
    @FunctionalInterface
    private interface Lines {
        /** The next line, or null at the end. */
        String next() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        for (String message : messages) {
            if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
                throw new ParameterException(command.commandLine(), "a message holds a line break: give each line "
                        + "as an argument of its own");
            }
        }
        try {
            return converse();
        } catch (KeyboardInterrupt e) {
            return 130;   // a shell's status for a program that Ctrl-C ended
        }
    }

    private int converse() throws Exception {
        return Asyncio.run(() -> {
            Connection connection;
            try {
                connection = Streams.openConnection(endpoint.host, endpoint.port);
            } catch (ConnectException e) {
                System.err.println(command.name() + ": cannot connect to " + endpoint + " (" + e.getMessage()
                        + "): is echo-server running there? Start it with `demo/run echo-server --port "
                        + endpoint.port + "`");
                return 1;
            } catch (UnknownHostException e) {
                System.err.println(command.name() + ": unknown host " + endpoint.host + ": give a host name or "
                        + "address that resolves, e.g. 127.0.0.1");
                return 1;
            }
            try {
                int status = exchange(connection, lines());
                connection.writer().close();
                connection.writer().waitClosed();
                return status;
            } catch (IOException e) {
                connection.writer().close();
                System.err.println(command.name() + ": the connection to " + endpoint + " failed: " + e.getMessage());
                return 1;
            }
        });
    }

    private Lines lines() {
        if (!messages.isEmpty()) {
            var each = messages.iterator();
            return () -> each.hasNext() ? each.next() : null;
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        // Not toThread(): asyncio.run waits for the default executor's calls at the end, and a read of
        // a terminal may never return. A virtual thread of its own does not keep the program alive.
        Executor reading = call -> Thread.ofVirtual().name("stdin").start(call);
        return () -> await(getRunningLoop().runInExecutor(reading, stdin::readLine));
    }

    /** Sends each line and prints its echo; 0, or 1 if the server hangs up before echoing one. */
    private int exchange(Connection connection, Lines lines) throws Exception {
        for (String line; (line = lines.next()) != null; ) {
            connection.writer().write((line + "\n").getBytes(UTF_8));
            connection.writer().drain();
            byte[] reply = connection.reader().readline();
            if (reply.length == 0 || reply[reply.length - 1] != '\n') {
                System.err.println(command.name() + ": " + endpoint + " closed the connection before echoing "
                        + "a whole line");
                return 1;
            }
            System.out.println(new String(Arrays.copyOf(reply, reply.length - 1), UTF_8));
        }
        return 0;
    }
}
