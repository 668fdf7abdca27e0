package dev.ssehub.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new stream's head and opening comment leave Open Liberty at once. Checked on the demo's server,
 * which keeps the default 30 s heartbeat: the protocol suite's server beats every second, and each
 * beat would push out an opening that the server held back.
 */
class StreamOpeningIT {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @Test
    void theHeadAndTheOpeningCommentArriveAtOnceNotWithTheFirstHeartbeat() throws Exception {
        String demo = System.getProperty("ssehub.liberty.demo.uri");
        if (demo == null) {
            throw new IllegalStateException("ssehub.liberty.demo.uri is not set: run with `mvn verify`, which starts the demo's Liberty");
        }
        URI base = URI.create(demo);
        String token = new TokenIssuer(KEY).issue(List.of(), List.of("*"), Duration.ofMinutes(5));
        for (int stream = 0; stream < 3; stream++) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout((int) AT_ONCE.toMillis());
                socket.getOutputStream().write(("GET /.well-known/mercure?topic=opening HTTP/1.1\r\nHost: " + base.getAuthority()
                        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String received = readUntilOpeningComment(socket.getInputStream());
                assertThat(received).as("what arrived within %s", AT_ONCE).startsWith("HTTP/1.1 200").contains("\r\n\r\n");
                assertThat(received.substring(received.indexOf("\r\n\r\n"))).as("the body after the head").contains(":");
            }
        }
    }

    /** What the server sent until its first body bytes, or until the read timed out. */
    private static String readUntilOpeningComment(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            while (true) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                seen.write(next);
                String text = seen.toString(StandardCharsets.ISO_8859_1);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd >= 0 && text.indexOf(':', headEnd) >= 0) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // Whatever came in time is what the assertions judge.
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
