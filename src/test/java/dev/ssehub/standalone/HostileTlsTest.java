package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the TLS port costs the one connection it came on: a plain HTTP request gets a clear
 * answer, garbage is dropped, a handshake that never finishes times out, and an HTTP/2 subscriber
 * on another connection receives through all of it.
 */
class HostileTlsTest {

    /** Of each kind, silent and trickling: many times the worker threads a small machine's hub has. */
    private static final int STALLED_HANDSHAKES = 20;

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
            new Random(17).nextBytes(garbage);
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

    /**
     * Handshakes that never finish, silent or trickling a byte a second, hold no thread: while many
     * more of them wait than the hub has workers, a new client is served at once, and each of them is
     * closed at the deadline.
     */
    @Test
    void handshakesThatNeverFinishHoldNothingButTheirConnectionsUntilTheDeadline() throws Exception {
        long started = System.nanoTime();
        List<Socket> silent = new ArrayList<>();
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_HANDSHAKES; i++) {
                silent.add(connect());
                Socket socket = connect();
                socket.getOutputStream().write(0x16);
                trickling.add(socket);
            }
            long asked = System.nanoTime();
            HttpResponse<Void> health = hub.client(HttpClient.Version.HTTP_2)
                    .send(HttpRequest.newBuilder(hub.https("healthz")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("a new connection's wait while handshakes stall")
                    .isLessThan(Duration.ofSeconds(HandshakeDeadline.SECONDS / 2));
            assertWitnessStillReceives();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1_000);
                for (Socket socket : trickling) {
                    socket.getOutputStream().write(0x03);
                }
            }
            for (Socket socket : silent) {
                assertThat(readToEnd(socket.getInputStream())).isEmpty();
            }
            for (Socket socket : trickling) {
                assertThat(readToEnd(socket.getInputStream())).isEmpty();
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
            for (Socket socket : trickling) {
                socket.close();
            }
        }
        Duration open = Duration.ofNanos(System.nanoTime() - started);
        assertThat(open).isBetween(Duration.ofSeconds(HandshakeDeadline.SECONDS - 1), Duration.ofSeconds(HandshakeDeadline.SECONDS + 5));
        assertWitnessStillReceives();
    }

    private void assertWitnessStillReceives() throws Exception {
        HttpResponse<String> published = client.send(HttpRequest.newBuilder(hub.https(".well-known/mercure"))
                .header("Authorization", "Bearer " + new TokenIssuer(TlsHub.KEY).issue(List.of("*"), List.of(), Duration.ofMinutes(1)))
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
