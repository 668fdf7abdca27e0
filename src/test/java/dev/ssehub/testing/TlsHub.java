package dev.ssehub.testing;

import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.tls.SelfSignedCertificate;
import dev.ssehub.tls.ServerIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A standalone hub serving HTTP and HTTPS on free loopback ports with a self-signed certificate made
 * for it, and JDK clients that trust exactly that certificate.
 */
public final class TlsHub implements AutoCloseable {

    public static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";

    private final Path directory;
    private final Path certificate;
    private final Path key;
    private final ServerIdentity identity;
    private final StandaloneServer server;

    private TlsHub(Path directory, Map<Setting, String> extra) throws IOException {
        this.directory = directory;
        this.certificate = directory.resolve("cert.pem");
        this.key = directory.resolve("key.pem");
        this.identity = SelfSignedCertificate.write(certificate, key, List.of("localhost", "127.0.0.1"), SelfSignedCertificate.KeyType.EC);
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.HOST, "127.0.0.1");
        settings.put(Setting.PORT, Integer.toString(FreePorts.any()));
        settings.put(Setting.HTTPS_PORT, Integer.toString(FreePorts.any()));
        settings.put(Setting.TLS_CERT, certificate.toString());
        settings.put(Setting.TLS_KEY, key.toString());
        settings.put(Setting.JWT_KEY, KEY);
        settings.put(Setting.DRAIN, "0");
        settings.putAll(extra);
        this.server = StandaloneServer.start(Settings.from(settings));
    }

    /** A hub with these settings besides the ports, the certificate and the key {@link #KEY}. */
    public static TlsHub start(Map<Setting, String> extra) throws IOException {
        return new TlsHub(Files.createTempDirectory("ssehub-tls"), extra);
    }

    public StandaloneServer server() {
        return server;
    }

    public Path certificatePath() {
        return certificate;
    }

    public Path keyPath() {
        return key;
    }

    public ServerIdentity identity() {
        return identity;
    }

    public URI https(String path) {
        return URI.create("https://localhost:" + server.httpsPort() + "/" + path);
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + "/" + path);
    }

    /** A client that trusts this hub's certificate and offers HTTP/2 (or only this version). */
    public HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(trusting(identity)).build();
    }

    /** TLS that trusts exactly this certificate. */
    public static SSLContext trusting(ServerIdentity trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("hub", trusted.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        try {
            Files.deleteIfExists(certificate);
            Files.deleteIfExists(key);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
