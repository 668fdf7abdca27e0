package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.grizzly.HandshakeDeadline;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.TlsHub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the TLS port costs the one connection it came on: a plain HTTP request gets a clear
 * answer, garbage is dropped, a handshake that never finishes times out, and an HTTP/2 subscriber
 * on another connection receives through all of it.
 */
class HostileTlsTest {

    private TlsHub hub;
    private HttpClient client;
    private RawEventStream witness;

    @BeforeEach
    void start() throws Exception {
        hub = TlsHub.start(Map.of());
        client = hub.client(HttpClient.Version.HTTP_2);
        witness = RawEventStream.open(client, hub.https(".well-known/mercure?topic=t")).connected();
    }

    @AfterEach
    void stop() {
        witness.close();
        hub.close();
    }

    @Test
    void plainHttpToTheTlsPortIsAProblemSayingToUseHttps() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readToEnd(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("Content-Type: application/problem+json\r\n", "Connection: close\r\n")
                    .endsWith("\"field\":\"scheme\"}");
        }
        assertWitnessStillReceives();
    }

    @Test
    void garbageIsDroppedWithItsConnection() throws Exception {
        try (Socket socket = connect()) {
            byte[] garbage = new byte[4096];
            new java.util.Random(17).nextBytes(garbage);
            garbage[0] = 0x01;
            socket.getOutputStream().write(garbage);
            assertThat(readToEnd(socket.getInputStream())).isEmpty();
        }
        try (Socket socket = connect()) {
            // A TLS record header, then nonsense where the handshake should be.
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x20, 'n', 'o', 't', ' ', 'a', ' ', 'h', 'e', 'l', 'l', 'o'});
            socket.getOutputStream().write(new byte[24]);
            readToEnd(socket.getInputStream());
        }
        assertWitnessStillReceives();
    }

    @Test
    void aHandshakeThatNeverFinishesIsClosedAfterTheDeadline() throws Exception {
        long started = System.nanoTime();
        try (Socket silent = connect(); Socket trickling = connect()) {
            trickling.getOutputStream().write(0x16);
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1_000);
                trickling.getOutputStream().write(0x03);
            }
            assertThat(readToEnd(silent.getInputStream())).isEmpty();
            assertThat(readToEnd(trickling.getInputStream())).isEmpty();
        }
        Duration open = Duration.ofNanos(System.nanoTime() - started);
        assertThat(open).isBetween(Duration.ofSeconds(HandshakeDeadline.SECONDS - 1), Duration.ofSeconds(HandshakeDeadline.SECONDS + 5));
        assertWitnessStillReceives();
    }

    private void assertWitnessStillReceives() throws Exception {
        HttpResponse<String> published = client.send(HttpRequest.newBuilder(hub.https(".well-known/mercure"))
                .header("Authorization", "Bearer " + new dev.ssehub.auth.TokenIssuer(TlsHub.KEY).issue(java.util.List.of("*"), java.util.List.of(), Duration.ofMinutes(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=t&data=still")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(witness.nextUpdate(Duration.ofSeconds(10)).id()).isEqualTo(published.body());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", hub.server().httpsPort());
        socket.setSoTimeout((int) Duration.ofSeconds(HandshakeDeadline.SECONDS + 10L).toMillis());
        return socket;
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            in.transferTo(read);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open after: " + read.toString(StandardCharsets.UTF_8), e);
        } catch (IOException reset) {
            // A reset ends the connection too.
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
