package dev.aioloop.demo;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --host} and {@code --port} options that echo-server and http-server listen on and
 * echo-client connects to.
 */
final class Endpoint {
    static final int DEFAULT_PORT = 8888;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address (default: ${DEFAULT-VALUE}).")
    String host;

    int port = DEFAULT_PORT;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The TCP port (default: " + DEFAULT_PORT + "; for a server, 0 takes any free port).")
    void setPort(int value) {
        // Port 0 means "any free port" to a listener only: a client cannot connect there.
        boolean listening = EchoServer.NAME.equals(command.name()) || HttpServer.NAME.equals(command.name());
        if (value < (listening ? 0 : 1) || value > 65535) {
            throw new ParameterException(command.commandLine(), "--port " + value + ": give a port from 1 to 65535"
                    + (listening ? ", or 0 for any free one" : ""));
        }
        port = value;
    }

    @Override
    public String toString() {
        return format(host, port);
    }

    /** {@code host:port}, with an IPv6 host in brackets so that the port stays the part after the last colon. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return format(inet.getHostString(), inet.getPort());
        }
        return String.valueOf(address);
    }

    private static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
