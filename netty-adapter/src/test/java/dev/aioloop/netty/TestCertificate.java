package dev.aioloop.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at test time by the JDK's keytool in
 * a child process (no Bouncy Castle, no file kept): the tests' TLS server identity.
 */
final class TestCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCertificate made;

    final PrivateKey key;
    final X509Certificate certificate;

    private TestCertificate(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    static synchronized TestCertificate get() throws Exception {
        if (made == null) {
            made = make();
        }
        return made;
    }

    private static TestCertificate make() throws Exception {
        Path dir = Files.createTempDirectory("aioloop-tls");
        Path store = dir.resolve("server.p12");
        try {
            Process keytool = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            return new TestCertificate((PrivateKey) keys.getKey("server", PASSWORD),
                    (X509Certificate) keys.getCertificate("server"));
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    SslContext server() throws Exception {
        return SslContextBuilder.forServer(key, certificate).build();
    }

    /** A client that trusts this certificate only. */
    SslContext trustingClient() throws Exception {
        return SslContextBuilder.forClient().trustManager(certificate).build();
    }
}
