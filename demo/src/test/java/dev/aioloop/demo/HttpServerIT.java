package dev.aioloop.demo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built jar's http-server in a process of its own, driven over loopback by the JDK's HttpClient
 * and, for pipelining, by a plain socket; it ends on a real SIGINT.
 */
class HttpServerIT {
    private static final String LISTENING = "http-server listening on 127.0.0.1:";

    @Test
    void keepAlivePipeliningConcurrencyAndAGracefulCtrlC() throws Exception {
        try (DemoProcess server = DemoProcess.start("http-server", "--port", "0")) {
            server.awaitLine(line -> line.startsWith(LISTENING));
            String port = server.out().stream().filter(l -> l.startsWith(LISTENING)).findFirst().orElseThrow()
                    .substring(LISTENING.length());
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // Keep-alive: three requests in turn on one connection, which counts them.
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), server.report());
                assertEquals("hello: request " + i + " on this connection\n", r.body(), server.report());
            }
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(base.resolve("/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());

            // Pipelining: three requests written at once, the slow one first; the answers come in order.
            assertEquals(List.of("slept 0.2 s", "hello: request 2 on this connection",
                    "hello: request 3 on this connection"), pipelined(Integer.parseInt(port)), server.report());

            // 100 concurrent requests that each sleep 0.5 s take about 0.5 s, not 50.
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> sleeping = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sleeping.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/sleep?s=0.5")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> r : sleeping) {
                assertEquals("slept 0.5 s\n", r.join().body(), server.report());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            assertTrue(elapsed < 5, "100 concurrent sleeps of 0.5 s took " + elapsed + " s\n" + server.report());

            // Ctrl-C while a request sleeps: it is still answered, with Connection: close, then the server ends.
            try (Socket sleeper = new Socket("127.0.0.1", Integer.parseInt(port))) {
                sleeper.setSoTimeout(10_000);
                sleeper.getOutputStream().write("GET /sleep?s=1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
                sleeper.getOutputStream().flush();
                // A whole exchange on another connection: by its end the sleeper's request has long arrived.
                assertEquals(200, client.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                server.sigint();
                String answered = new String(sleeper.getInputStream().readAllBytes(), US_ASCII);
                assertTrue(answered.startsWith("HTTP/1.1 200 OK\r\n"), answered + server.report());
                assertTrue(answered.toLowerCase().contains("connection: close\r\n"), answered);
                assertTrue(answered.endsWith("\r\n\r\nslept 1 s\n"), answered);
            }
            assertEquals(0, server.awaitExit(), server.report());
            assertEquals("bye", server.out().getLast(), server.report());
            assertEquals(List.of(), server.err(), server.report());
        }
    }

    /** Writes three requests in one go on a fresh connection, the last asking to close; returns the bodies in order. */
    private static List<String> pipelined(int port) throws Exception {
        String requests = "GET /sleep?s=0.2 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), US_ASCII);   // the server closes after the third
            List<String> bodies = new ArrayList<>();
            Matcher m = Pattern.compile("\r\n\r\n([^\n]*)\n").matcher(all);
            while (m.find()) {
                bodies.add(m.group(1));
            }
            return bodies;
        }
    }
}
