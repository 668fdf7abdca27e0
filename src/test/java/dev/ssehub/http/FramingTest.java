package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.Payloads;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FramingTest extends HubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void everyLineBreakInDataBecomesItsOwnDataLineSoNoPayloadCanInjectAField() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t")).connected()) {
            String id = publishOk(new Form().param("topic", "t")
                    .param("data", "one\ntwo\r\nid: forged\revent: forged\r\ndata: three")
                    .param("type", "note").param("retry", "2500"));
            RawEventStream.Event event = stream.nextUpdate(WAIT);
            assertThat(event.id()).isEqualTo(id);
            assertThat(event.type()).isEqualTo("note");
            assertThat(event.retry()).isEqualTo(2500L);
            assertThat(event.data()).isEqualTo("one\ntwo\nid: forged\nevent: forged\ndata: three");
            assertThat(stream.lines()).containsSubsequence(
                    "data: one", "data: two", "data: id: forged", "data: event: forged", "data: data: three", "");
            assertThat(stream.lines()).noneMatch(line -> line.startsWith("id: forged") || line.startsWith("event: forged"));
        }
    }

    @Test
    void anEmptyLineInsideDataIsKept() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t")).connected()) {
            publishOk("t", "before\r\n\r\nafter\n\nend");
            assertThat(stream.nextUpdate(WAIT).data()).isEqualTo("before\n\nafter\n\nend");
        }
    }

    /** Every payload arrives as published, line breaks of any kind as LF: the SSE format has no other way to carry them. */
    @Test
    void everyPayloadArrivesAsPublished() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t")).connected()) {
            for (Payloads.Payload payload : Payloads.ALL) {
                publishOk("t", payload.data());
            }
            for (Payloads.Payload payload : Payloads.ALL) {
                RawEventStream.Event event = stream.nextUpdate(WAIT);
                assertThat(event).as(payload.name()).isNotNull();
                assertThat(event.data()).as(payload.name()).isEqualTo(Payloads.asDelivered(payload.data()));
            }
        }
    }

    @Test
    void unicodeAndEmptyDataArriveUnchanged() throws Exception {
        try (RawEventStream stream = RawEventStream.open(URI.create(hubUri() + "?topic=t")).connected()) {
            publishOk("t", "Grüße, 世界 🚀 — \"quoted\" & <tagged>");
            publishOk(new Form().param("topic", "t"));
            assertThat(stream.nextUpdate(WAIT).data()).isEqualTo("Grüße, 世界 🚀 — \"quoted\" & <tagged>");
            RawEventStream.Event empty = stream.nextUpdate(WAIT);
            assertThat(empty).as("lines: %s", stream.lines()).isNotNull();
            assertThat(empty.data()).isEmpty();
        }
    }
}
