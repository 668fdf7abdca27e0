package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.stream.Frame;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Frames generated events and reads them back as a browser would: every event arrives once, with
 * its data (line breaks normalized to LF), id and type, and nothing a value contained becomes a
 * field or an event of its own.
 */
class EventFramingProperties {

    private static final Set<String> FIELDS = Set.of("event", "id", "retry", "data");

    record Sent(String id, String type, Long retry, String data) {
    }

    @Property(tries = 1000)
    void anEventReadsBackAsItWasSent(@ForAll("sent") Sent sent) {
        ReadBack parsed = ReadBack.of(frame(sent));
        assertThat(parsed.events()).hasSize(1);
        assertReceived(parsed.events().get(0), sent);
        assertThat(parsed.fieldNames()).allMatch(FIELDS::contains);
        assertThat(parsed.fieldNames().stream().filter("data"::equals).count()).isEqualTo(normalized(sent.data()).split("\n", -1).length);
    }

    @Property(tries = 300)
    void aSequenceOfEventsReadsBackEventForEvent(@ForAll @Size(min = 1, max = 8) List<@From("sent") Sent> sent) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Sent event : sent) {
            stream.writeBytes(frame(event));
        }
        List<ReadBack.Event> received = ReadBack.of(stream.toByteArray()).events();
        assertThat(received).hasSameSizeAs(sent);
        Long retry = null;
        String lastEventId = "";
        for (int i = 0; i < sent.size(); i++) {
            Sent event = sent.get(i);
            ReadBack.Event got = received.get(i);
            assertThat(got.data()).isEqualTo(normalized(event.data()));
            assertThat(got.type()).isEqualTo(expectedType(event.type()));
            retry = event.retry() == null ? retry : event.retry();
            lastEventId = event.id() == null ? lastEventId : singleLine(event.id());
            assertThat(got.retry()).isEqualTo(retry);
            assertThat(got.lastEventId()).isEqualTo(lastEventId);
        }
    }

    @Property(tries = 300)
    void aCommentNeverBecomesAFieldOrAnEvent(@ForAll("text") String comment) {
        ReadBack parsed = ReadBack.of(Frame.comment(comment).bytes());
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.fieldNames()).isEmpty();
    }

    private static void assertReceived(ReadBack.Event received, Sent sent) {
        assertThat(received.data()).isEqualTo(normalized(sent.data()));
        assertThat(received.type()).isEqualTo(expectedType(sent.type()));
        assertThat(received.lastEventId()).isEqualTo(sent.id() == null ? "" : singleLine(sent.id()));
        assertThat(received.retry()).isEqualTo(sent.retry());
    }

    private static byte[] frame(Sent sent) {
        return Frame.data(sent.type(), sent.id(), sent.retry(), sent.data()).bytes();
    }

    /** SSE itself turns CRLF and CR into LF, so that is what a browser receives. */
    private static String normalized(String data) {
        return data.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The publish endpoint refuses CR, LF and NUL in ids and types; the writer drops them as a last line of defence. */
    private static String singleLine(String value) {
        return value.replace("\r", "").replace("\n", "").replace("\0", "");
    }

    private static String expectedType(String type) {
        return type == null || singleLine(type).isEmpty() ? "message" : singleLine(type);
    }

    @Provide
    Arbitrary<Sent> sent() {
        Arbitrary<String> optionalText = text().injectNull(0.2);
        Arbitrary<Long> retry = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.5);
        return Combinators.combine(optionalText, optionalText, retry, text()).as(Sent::new);
    }

    /** Unicode text (no lone surrogates, which a UTF-8 request cannot carry), rich in what SSE treats specially. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> special = Arbitraries.of((int) '\r', (int) '\n', 0, (int) ':', (int) ' ', 0xFEFF, 0x2028, 0x85);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 0x10FFFF).filter(codePoint -> codePoint < 0xD800 || codePoint > 0xDFFF);
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(2, any), Tuple.of(5, ascii))
                .list().ofMaxSize(30)
                .map(codePoints -> codePoints.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }
}
