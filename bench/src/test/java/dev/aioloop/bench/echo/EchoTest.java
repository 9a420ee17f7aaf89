package dev.aioloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo workload's parts at a tiny size: every JVM server echoes what the client sends and stops
 * when asked, the client notices a wrong echo, and the process driver runs a server of its own. The
 * figures are not checked (speed belongs to bench/compare.sh).
 */
@Timeout(120)
class EchoTest {
    private static final String FIGURE = "[0-9]+ msg/s [0-9.]+ MiB/s p50=[0-9]+us p90=[0-9]+us p99=[0-9]+us p999=[0-9]+us";

    @ParameterizedTest
    @ValueSource(strings = {"aioloop", "aioloop-hosted", "aioloop-zero-copy", "aioloop-messagestream", "netty"})
    void serverEchoesEveryRoundTripThenStops(String system) throws Exception {
        EchoClient.Result r;
        try (EchoServer.Running server = EchoServer.start(system, 0)) {
            try (EchoClient client = EchoClient.connect(new InetSocketAddress("127.0.0.1", server.port()), 8, 1024)) {
                r = client.measure(60_000_000_000L, 200);
            }
        }
        assertTrue(r.roundTrips() >= 200, r.toString());
        assertTrue(r.p50Micros() <= r.p99Micros(), r.toString());
    }

    @Test
    void everyServerIsTestedAbove() {
        assertEquals(List.of("aioloop", "aioloop-hosted", "aioloop-zero-copy", "aioloop-messagestream", "netty"), EchoServer.SYSTEMS);
    }

    @Test
    void clientRefusesAnEchoOfOtherBytes() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread zeroes = new Thread(() -> {
                try (Socket s = listening.accept()) {
                    InputStream in = s.getInputStream();
                    in.readNBytes(16);
                    s.getOutputStream().write(new byte[16]);
                    in.read();
                } catch (IOException ignored) {
                    // The client hangs up once it has seen the wrong reply.
                }
            });
            zeroes.start();
            try (EchoClient client = EchoClient.connect(
                    new InetSocketAddress(listening.getInetAddress(), listening.getLocalPort()), 1, 16)) {
                IOException e = assertThrows(IOException.class, () -> client.measure(60_000_000_000L, 10));
                assertTrue(e.getMessage().contains("other bytes"), e.getMessage());
            }
            zeroes.join();
        }
    }

    @Test
    void driverMeasuresAServerInItsOwnProcess() throws Exception {
        String line = EchoLoad.line(EchoLoad.Shape.ECHO, "netty", 0.1, 0.2, serverCommand("netty"));
        assertTrue(Pattern.matches("echo netty " + FIGURE + " cpu=[0-9.]+us", line), line);
    }

    @Test
    void vmbenchShapeNamesItsWorkloadAndEchoesLargeMessages() throws Exception {
        String line = EchoLoad.line(EchoLoad.Shape.vm(100 * 1024), "aioloop", 0.1, 0.3, serverCommand("aioloop"));
        assertTrue(Pattern.matches("echo-vm aioloop " + FIGURE + " cpu=[0-9.]+us", line), line);
    }

    @Test
    void percentilesAreOrdered() throws Exception {
        EchoClient.Result r;
        try (EchoServer.Running server = EchoServer.start("netty", 0)) {
            try (EchoClient client = EchoClient.connect(new InetSocketAddress("127.0.0.1", server.port()), 10, 10 * 1024)) {
                r = client.measure(60_000_000_000L, 500);
            }
        }
        assertTrue(r.p50Micros() <= r.p90Micros() && r.p90Micros() <= r.p99Micros() && r.p99Micros() <= r.p999Micros(),
                r.toString());
        assertEquals(r.perSecond() * 10 * 1024 / (1024.0 * 1024.0), r.mebibytesPerSecond(), 1e-9);
    }

    @Test
    void driverSaysWhenTheServerNeverListens() {
        IOException e = assertThrows(IOException.class, () -> EchoLoad.line(EchoLoad.Shape.ECHO, "nothing", 0.1, 0.2, serverCommand("nothing")));
        assertTrue(e.getMessage().contains("without printing 'listening on PORT'"), e.getMessage());
        assertTrue(e.getMessage().contains("it said: usage: EchoServer SYSTEM [PORT]"), e.getMessage());
    }

    private static List<String> serverCommand(String system) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // The flags bench/compare.sh gives: native access, so that Netty's server loads epoll where it
        // can, and the export JDK continuations need.
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                EchoServer.class.getName(), system);
    }
}
