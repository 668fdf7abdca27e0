package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator's parser: a chunked event stream ends with its last chunk, whether or not the socket closes after it. */
class SseConnectionTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String EVENTS = chunk(": \n\n") + chunk("id: b-1\ndata: ts=1;x\n\n") + chunk("\n")
            + chunk("event: ssehub-reconnect\nretry: 1300\ndata: too slow\n\n");

    @Test
    void theLastChunkEndsTheStreamAfterTheEventsBeforeIt() {
        for (String trailer : new String[] {"", "Expires: 0\r\n"}) {
            SseConnection connection = connected();
            GeneratorStats stats = new GeneratorStats();
            byte[] body = (EVENTS + "0\r\n" + trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(connection.feed(body, 0, body.length, 0, false, stats)).isEqualTo(SseConnection.ENDED);
            assertThat(connection.received).isEqualTo(1);
            assertThat(connection.sawNotice).isTrue();
        }
    }

    @Test
    void theEndIsFoundInPiecesOfAnySize() {
        SseConnection connection = connected();
        GeneratorStats stats = new GeneratorStats();
        byte[] body = (EVENTS + "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < body.length - 1; i++) {
            assertThat(connection.feed(body, i, 1, 0, false, stats)).as("after byte %d", i).isEqualTo(SseConnection.OK);
        }
        assertThat(connection.feed(body, body.length - 1, 1, 0, false, stats)).isEqualTo(SseConnection.ENDED);
        assertThat(connection.received).isEqualTo(1);
    }

    @Test
    void aStreamStillGoingIsNotEnded() {
        SseConnection connection = connected();
        byte[] body = (EVENTS + chunk("id: b-2\ndata: ts=2;x\n\n")).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(connection.feed(body, 0, body.length, 0, false, new GeneratorStats())).isEqualTo(SseConnection.OK);
        assertThat(connection.received).isEqualTo(2);
    }

    private static SseConnection connected() {
        SseConnection connection = new SseConnection(0, false);
        connection.state = SseConnection.State.HEAD;
        connection.openedNanos = System.nanoTime();
        byte[] head = HEAD.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(connection.feed(head, 0, head.length, 0, false, new GeneratorStats())).isEqualTo(SseConnection.OK);
        assertThat(connection.state).isEqualTo(SseConnection.State.BODY);
        return connection;
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }
}
