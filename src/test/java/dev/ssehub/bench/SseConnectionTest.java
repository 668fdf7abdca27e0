package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The generator's parser: a chunked event stream ends with its last chunk, whether or not the socket closes after it;
 * updates are followed by the sequence number in their data, whatever their ids.
 */
class SseConnectionTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String EVENTS = chunk(": \n\n") + chunk("id: b-1\ndata: ts=1;seq=1;x\n\n") + chunk("\n")
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
        byte[] body = (EVENTS + chunk("id: b-2\ndata: ts=2;seq=2;x\n\n")).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(connection.feed(body, 0, body.length, 0, false, new GeneratorStats())).isEqualTo(SseConnection.OK);
        assertThat(connection.received).isEqualTo(2);
    }

    @Test
    void anUnchunkedStreamWithTheServersOwnIdsIsFollowedByTheSequenceInTheData() {
        SseConnection connection = connected("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\r\n");
        GeneratorStats stats = new GeneratorStats();
        String events = ": hi\n\n"
                + "id: 1796399792:0\ndata: ts=1000;seq=1;xx\n\n"
                + "id: 1796399792:1\ndata: ts=2000;seq=2;xx\n\n"
                + "id: 1796399792:2\ndata: ts=3000;seq=5;xx\n\n"
                + "id: 1796399792:3\ndata: ts=4000;seq=5;xx\n\n";
        byte[] body = events.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(connection.feed(body, 0, body.length, 5000, true, stats)).isEqualTo(SseConnection.OK);
        assertThat(connection.received).isEqualTo(4);
        assertThat(connection.nextSeq).isEqualTo(6);
        assertThat(stats.gaps).as("updates 3 and 4 never came").isEqualTo(2);
        assertThat(stats.duplicates).as("update 5 came twice").isEqualTo(1);
        assertThat(stats.unparsable).isZero();
        assertThat(stats.windowLatencyMicros.max()).as("timed from the ts in the data").isEqualTo(4000);
    }

    @Test
    void anUpdateWithoutASequenceNumberInItsDataIsUnparsableNotADelivery() {
        SseConnection connection = connected();
        GeneratorStats stats = new GeneratorStats();
        byte[] body = chunk("id: b-7\ndata: ts=1;x\n\n").getBytes(StandardCharsets.ISO_8859_1);
        connection.feed(body, 0, body.length, 0, false, stats);
        assertThat(connection.received).isZero();
        assertThat(stats.unparsable).isEqualTo(1);
    }

    @Test
    void aResumingSubscriberHasCaughtUpOnceItHasEveryUpdateAfterTheOneItResumedFrom() {
        SseConnection connection = connected(HEAD, new SseConnection(0, false, 2, 4));
        GeneratorStats stats = new GeneratorStats();
        feed(connection, stats, 2, 3);
        assertThat(connection.caughtUp()).isFalse();
        feed(connection, stats, 4, 5);
        assertThat(connection.caughtUp()).isTrue();
        assertThat(stats.caughtUp).isEqualTo(1);
        assertThat(stats.catchUpMicros.count()).isEqualTo(1);
        assertThat(stats.gaps + stats.duplicates).isZero();
    }

    @Test
    void aReplayFromTheStartOfTheHistoryIsADuplicateAndAHoleIsAGapNotACatchUp() {
        SseConnection connection = connected(HEAD, new SseConnection(0, false, 2, 4));
        GeneratorStats stats = new GeneratorStats();
        feed(connection, stats, 1, 2, 4);
        assertThat(stats.duplicates).as("update 1 was not asked for").isEqualTo(1);
        assertThat(stats.gaps).as("update 3 never came").isEqualTo(1);
        assertThat(connection.caughtUp()).as("past the last update expected, with a hole").isTrue();
    }

    private static void feed(SseConnection connection, GeneratorStats stats, long... seqs) {
        StringBuilder events = new StringBuilder();
        for (long seq : seqs) {
            events.append(chunk("id: b-" + seq + "\ndata: ts=1;seq=" + seq + ";x\n\n"));
        }
        byte[] body = events.toString().getBytes(StandardCharsets.ISO_8859_1);
        assertThat(connection.feed(body, 0, body.length, 0, false, stats)).isEqualTo(SseConnection.OK);
    }

    private static SseConnection connected() {
        return connected(HEAD);
    }

    private static SseConnection connected(String responseHead) {
        return connected(responseHead, new SseConnection(0, false));
    }

    private static SseConnection connected(String responseHead, SseConnection connection) {
        connection.state = SseConnection.State.HEAD;
        connection.openedNanos = System.nanoTime();
        byte[] head = responseHead.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(connection.feed(head, 0, head.length, 0, false, new GeneratorStats())).isEqualTo(SseConnection.OK);
        assertThat(connection.state).isEqualTo(SseConnection.State.BODY);
        return connection;
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }
}
