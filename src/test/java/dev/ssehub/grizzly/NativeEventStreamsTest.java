package dev.ssehub.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.testing.HubTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jakarta.ws.rs.core.Form;
import org.junit.jupiter.api.Test;

/** What Grizzly itself puts on the wire for an event stream, byte for byte. */
class NativeEventStreamsTest extends HubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theStreamIsTheHubsHeadThenOneChunkPerWrite() throws Exception {
        try (Socket socket = connect(); InputStream in = socket.getInputStream()) {
            send(socket, "GET /" + HUB_PATH + "?topic=t HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
            String head = readUntil(in, ": \n\n\r\n");
            assertThat(head).isEqualTo("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/event-stream\r\n"
                    + "Cache-Control: no-cache, no-store, must-revalidate\r\n"
                    + "X-Accel-Buffering: no\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n"
                    + "\r\n"
                    + "4\r\n: \n\n\r\n");
            String id = publishOk(new Form().param("topic", "t").param("data", "  indented\n\nafter a blank line 🚀\n"));
            String frame = "id: " + id + "\ndata:   indented\ndata: \ndata: after a blank line 🚀\ndata: \n\n";
            int size = frame.getBytes(StandardCharsets.UTF_8).length;
            assertThat(readUntil(in, frame + "\r\n")).isEqualTo(Integer.toHexString(size) + "\r\n" + frame + "\r\n");
        }
    }

    @Test
    void anHttp10ClientGetsTheStreamUnchunkedAndItsEndIsTheClose() throws Exception {
        try (Socket socket = connect(); InputStream in = socket.getInputStream()) {
            send(socket, "GET /" + HUB_PATH + "?topic=t HTTP/1.0\r\nAccept: text/event-stream\r\n\r\n");
            String head = readUntil(in, "\r\n\r\n: \n\n");
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").doesNotContain("Transfer-Encoding");
            String id = publishOk("t", "plain");
            assertThat(readUntil(in, "data: plain\n\n")).isEqualTo("id: " + id + "\ndata: plain\n\n");
        }
    }

    @Test
    void aRefusedSubscriptionIsAProblemAndThenTheConnectionCloses() throws Exception {
        try (Socket socket = connect(); InputStream in = socket.getInputStream()) {
            send(socket, "GET /" + HUB_PATH + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
            String answer = readToEnd(in);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("Content-Type: application/problem+json\r\n", "Connection: close\r\n")
                    .endsWith("\"field\":\"topic\"}");
        }
    }

    @Test
    void whatAClientSendsOnItsStreamsConnectionIsNeitherAnsweredNorMixedIntoTheStream() throws Exception {
        try (Socket socket = connect(); InputStream in = socket.getInputStream()) {
            send(socket, "GET /" + HUB_PATH + "?topic=t HTTP/1.1\r\nHost: localhost\r\n\r\n");
            readUntil(in, ": \n\n\r\n");
            send(socket, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\nnot HTTP at all\r\n\r\n");
            String id = publishOk("t", "still the stream");
            String rest = readUntil(in, "data: still the stream\n\n\r\n");
            assertThat(rest).doesNotContain("HTTP/1.1").contains("id: " + id);
        }
    }

    @Test
    void aStreamThatEndsSendsTheLastChunkAndClosesTheConnection() throws Exception {
        String shortLived = new TokenIssuer(KEY).issue(List.of(), List.of("*"), Duration.ofSeconds(2));
        try (Socket socket = connect(); InputStream in = socket.getInputStream()) {
            send(socket, "GET /" + HUB_PATH + "?topic=t HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + shortLived + "\r\n\r\n");
            assertThat(readToEnd(in)).endsWith("\r\n4\r\n: \n\n\r\n0\r\n\r\n");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(getBaseUri().getHost(), getBaseUri().getPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until the text read so far ends with {@code end}; fails if the stream ends or stays silent first. */
    private static String readUntil(InputStream in, String end) throws IOException {
        byte[] wanted = end.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!endsWith(read.toByteArray(), wanted)) {
            int next = in.read();
            if (next < 0) {
                throw new AssertionError("the stream ended before '" + end + "': " + read.toString(StandardCharsets.UTF_8));
            }
            read.write(next);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            in.transferTo(read);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open after: " + read.toString(StandardCharsets.UTF_8), e);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static boolean endsWith(byte[] bytes, byte[] end) {
        if (bytes.length < end.length) {
            return false;
        }
        for (int i = 0; i < end.length; i++) {
            if (bytes[bytes.length - end.length + i] != end[i]) {
                return false;
            }
        }
        return true;
    }
}
