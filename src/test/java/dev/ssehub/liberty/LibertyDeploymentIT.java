package dev.ssehub.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.RawEventStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** What only an app server deployment has: HTTP/2 on the HTTPS port, and a redeploy or stop with streams open. */
class LibertyDeploymentIT {

    private static final URI HTTP = URI.create(required("ssehub.liberty.uri"));
    private static final URI HTTPS = URI.create(required("ssehub.liberty.https.uri"));
    private static final Path WLP = Path.of(required("ssehub.liberty.dir"));

    @Test
    void theHttpsPortServesTheStreamOverHttp2() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustingLibertysOwnCertificate()).build();
        HttpRequest request = HttpRequest.newBuilder(HTTPS.resolve(".well-known/mercure?topic=h2")).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            byte[] first = new byte[8];
            int read = body.read(first);
            assertThat(new String(first, 0, Math.max(read, 0), StandardCharsets.UTF_8)).contains(":");
        }
    }

    /**
     * A redeploy stops the application while the server runs: the hub tells every subscriber to
     * come back (with a jittered retry) and closes its stream within the drain window (1 s in the
     * pom), and the new instance serves.
     */
    @Test
    void aRedeployClosesOpenStreamsAtOnceWithAReconnectHint() throws Exception {
        try (RawEventStream stream = RawEventStream.open(HTTP.resolve(".well-known/mercure?topic=redeploy")).connected()) {
            Path war = WLP.resolve("usr/servers/ssehub/apps/ssehub.war");
            Files.setLastModifiedTime(war, FileTime.from(Instant.now()));
            assertThat(stream.awaitEnd(Duration.ofSeconds(10))).isTrue();
            assertThat(stream.lines()).contains("event: ssehub-reconnect");
            assertThat(stream.lines()).anyMatch(line -> line.startsWith("retry: "));
        }
        awaitHub();
        try (RawEventStream again = RawEventStream.open(HTTP.resolve(".well-known/mercure?topic=redeploy")).connected()) {
            assertThat(again.status()).isEqualTo(200);
        }
    }

    /** Liberty waits for open connections before it stops; server.xml keeps that wait short. */
    @Test
    void stoppingTheServerWithStreamsOpenIsQuick() throws Exception {
        try (RawEventStream stream = RawEventStream.open(HTTP.resolve(".well-known/mercure?topic=stop")).connected();
             RawEventStream other = RawEventStream.open(HTTP.resolve(".well-known/mercure?topic=stop")).connected()) {
            long start = System.nanoTime();
            assertThat(server("stop").waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(stream.awaitEnd(Duration.ofSeconds(1))).isTrue();
            assertThat(other.awaitEnd(Duration.ofSeconds(1))).isTrue();
        } finally {
            assertThat(server("start").waitFor(120, TimeUnit.SECONDS)).isTrue();
            awaitHub();
        }
    }

    private static Process server(String action) throws Exception {
        return new ProcessBuilder(WLP.resolve("bin/server").toString(), action, "ssehub").inheritIO().start();
    }

    /** Waits until the hub endpoint answers three times in a row: an application swap has ended. */
    private static void awaitHub() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(HTTP.resolve(".well-known/mercure?topic=probe"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int answered = 0;
        while (answered < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hub did not come back");
            }
            try {
                answered = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? answered + 1 : 0;
            } catch (java.io.IOException notYet) {
                answered = 0;
            }
            Thread.sleep(200);
        }
    }

    /** Liberty makes a self-signed certificate on first start; a test client may trust it. */
    private static SSLContext trustingLibertysOwnCertificate() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the integration tests with `make test`");
        }
        return value;
    }
}
