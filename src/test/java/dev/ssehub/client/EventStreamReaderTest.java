package dev.ssehub.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WHATWG "interpreting an event stream" rules, case by case, fed whole and one byte at a time. */
class EventStreamReaderTest {

    private record Received(String kind, String id, String type, String data) {

        static Received event(String id, String type, String data) {
            return new Received("event", id, type, data);
        }

        static Received comment(String text) {
            return new Received("comment", null, null, text);
        }

        static Received retry(long millis) {
            return new Received("retry", null, null, Long.toString(millis));
        }
    }

    @Test
    void dataLinesJoinWithLineFeedsAndKeepEverySpaceButTheFirst() throws IOException {
        assertReads("data:   two spaces kept\ndata:\tatab\ndata:no space\ndata: \n\n",
                Received.event("", null, "  two spaces kept\n\tatab\nno space\n"));
    }

    @Test
    void blankDataLinesAndTrailingLineBreaksSurvive() throws IOException {
        assertReads("data: a\ndata:\ndata:\ndata: b\ndata:\n\n",
                Received.event("", null, "a\n\n\nb\n"));
    }

    @Test
    void linesEndAtCarriageReturnLineFeedOrBoth() throws IOException {
        assertReads("data: one\rdata: two\r\ndata: three\n\r\n",
                Received.event("", null, "one\ntwo\nthree"));
    }

    @Test
    void fourByteUtf8AndNonAsciiTextArriveWhole() throws IOException {
        assertReads("data: 🚀 Grüße 世界 𝄞\n\n", Received.event("", null, "🚀 Grüße 世界 𝄞"));
    }

    @Test
    void malformedUtf8IsReplacedNotDropped() throws IOException {
        byte[] stream = {'d', 'a', 't', 'a', ':', ' ', 'a', (byte) 0xC3, 'b', '\n', '\n'};
        List<Received> received = read(new ByteArrayInputStream(stream));
        assertThat(received).containsExactly(Received.event("", null, "a\uFFFDb"));
    }

    @Test
    void aByteOrderMarkIsDroppedOnlyAtTheStart() throws IOException {
        assertReads("\uFEFFdata: x\n\ndata: \uFEFFy\n\n", Received.event("", null, "x"), Received.event("", null, "\uFEFFy"));
    }

    @Test
    void theLastEventIdCarriesOverAndAnIdWithNulIsIgnored() throws IOException {
        assertReads("id: 1\ndata: a\n\ndata: b\n\nid: 2\u0000x\ndata: c\n\nid\ndata: d\n\n",
                Received.event("1", null, "a"), Received.event("1", null, "b"), Received.event("1", null, "c"),
                Received.event("", null, "d"));
    }

    @Test
    void theTypeAppliesToOneEventOnly() throws IOException {
        assertReads("event: note\ndata: a\n\ndata: b\n\n", Received.event("", "note", "a"), Received.event("", null, "b"));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedButItsIdCounts() throws IOException {
        assertReads("id: 7\nevent: ignored\n\ndata: x\n\n", Received.event("7", null, "x"));
    }

    @Test
    void commentsAndRetriesAreReportedAndOnlyDigitsSetTheRetry() throws IOException {
        assertReads(":\n: hello\nretry: 2500\nretry: 1.5\nretry: 12a\nretry:\ndata: x\n\n",
                Received.comment(""), Received.comment(" hello"), Received.retry(2500), Received.event("", null, "x"));
    }

    @Test
    void unknownFieldsAndAFieldWithoutColonAreTakenAsTheRulesSay() throws IOException {
        assertReads("foo: bar\ndata\ndata\n\n", Received.event("", null, "\n"));
    }

    @Test
    void anEventTheStreamEndsInTheMiddleOfIsDiscarded() throws IOException {
        assertReads("data: complete\n\ndata: cut", Received.event("", null, "complete"));
        assertReads("data: complete\n\ndata: cut\n", Received.event("", null, "complete"));
    }

    @Test
    void valuesThatLookLikeFieldsStayInsideTheirLine() throws IOException {
        assertReads("data: id: forged\ndata: event: forged\n\n", Received.event("", null, "id: forged\nevent: forged"));
    }

    private static void assertReads(String stream, Received... expected) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        assertThat(read(new ByteArrayInputStream(bytes))).as("read whole").containsExactly(expected);
        assertThat(read(new OneByteAtATime(bytes))).as("read one byte at a time").containsExactly(expected);
    }

    private static List<Received> read(InputStream in) throws IOException {
        List<Received> received = new ArrayList<>();
        new EventStreamReader(in, new EventStreamReader.Listener() {
            @Override
            public void onEvent(String lastEventId, String type, String data) {
                received.add(Received.event(lastEventId, type, data));
            }

            @Override
            public void onComment(String comment) {
                received.add(Received.comment(comment));
            }

            @Override
            public void onRetry(long millis) {
                received.add(Received.retry(millis));
            }
        }).readToEnd();
        return received;
    }

    /** A stream that splits every line ending and every multi-byte character across reads. */
    private static final class OneByteAtATime extends InputStream {

        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int b = read();
            if (b < 0) {
                return -1;
            }
            target[offset] = (byte) b;
            return 1;
        }
    }
}
