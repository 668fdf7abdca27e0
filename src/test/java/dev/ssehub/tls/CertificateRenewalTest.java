package dev.ssehub.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.TlsHub;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A certificate renewed on disk is served from the next handshake on, without a restart; a new pair
 * that cannot be used leaves the last good one in service, with one log line.
 */
class CertificateRenewalTest {

    private static final Duration WAIT = CertificateFiles.CHECK_INTERVAL.multipliedBy(3);
    private static final Logger LOG = Logger.getLogger(CertificateFiles.class.getName());

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TlsHub hub;
    private java.util.logging.Level levelBefore;

    @BeforeEach
    void start() throws IOException {
        levelBefore = LOG.getLevel();
        LOG.setLevel(java.util.logging.Level.INFO);
        LOG.addHandler(capture);
        hub = TlsHub.start(Map.of());
    }

    @AfterEach
    void stop() {
        hub.close();
        LOG.removeHandler(capture);
        LOG.setLevel(levelBefore);
    }

    @Test
    void aRenewedPairIsServedWithoutARestart() throws Exception {
        BigInteger first = servedSerial();
        assertThat(first).isEqualTo(hub.identity().certificate().getSerialNumber());
        Path staging = Files.createTempDirectory("ssehub-renewed");
        ServerIdentity renewed = SelfSignedCertificate.write(staging.resolve("cert.pem"), staging.resolve("key.pem"), List.of("localhost"),
                SelfSignedCertificate.KeyType.RSA);
        // As certbot does: the key first, then the certificate; for a moment the two do not belong together.
        Files.move(staging.resolve("key.pem"), hub.keyPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging.resolve("cert.pem"), hub.certificatePath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(staging);
        assertThat(awaitSerial(renewed.certificate().getSerialNumber())).isTrue();
        assertThat(messages()).anyMatch(line -> line.startsWith("event=tls_certificate_loaded") && line.contains(renewed.certificate().getSerialNumber().toString(16)));
    }

    @Test
    void aBrokenPairKeepsTheLastGoodOneAndIsLoggedOnce() throws Exception {
        BigInteger served = servedSerial();
        Files.writeString(hub.certificatePath(), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Thread.sleep(WAIT.toMillis());
        assertThat(servedSerial()).isEqualTo(served);
        List<String> refusals = messages().stream().filter(line -> line.startsWith("event=tls_certificate_refused")).toList();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0)).contains("cert=" + hub.certificatePath(), "kept_serial=" + served.toString(16), "SSEHUB_TLS_CERT");
        assertThat(refusals.get(0)).doesNotContain("PRIVATE KEY").doesNotContain("\n");
    }

    private boolean awaitSerial(BigInteger expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (servedSerial().equals(expected)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The serial of the certificate a new handshake gets; whatever it is, it is only looked at. */
    private BigInteger servedSerial() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new LookingOnly()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", hub.server().httpsPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private List<String> messages() {
        synchronized (logged) {
            return logged.stream().map(LogRecord::getMessage).toList();
        }
    }

    /** Trusts any certificate: this client only reads which one the server presents. */
    private static final class LookingOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
