package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramedEventTest {

    @Test
    void anUpdateIsFramedOnceWithEveryField() {
        FramedEvent event = FramedEvent.data("note", "urn:1", 2500L, "a\r\nb\rc\nd");
        assertThat(wire(event)).isEqualTo("event: note\nid: urn:1\nretry: 2500\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
        assertThat(event.frameBytes()).as("the same bytes for every socket").isSameAs(event.frameBytes());
    }

    @Test
    void emptyOrMissingDataStillHasADataLine() {
        assertThat(wire(FramedEvent.data(null, "urn:2", null, ""))).isEqualTo("id: urn:2\ndata: \n\n");
        assertThat(wire(FramedEvent.data(null, "urn:3", null, null))).isEqualTo("id: urn:3\ndata: \n\n");
    }

    @Test
    void singleLineFieldsLoseCarriageReturnsLineFeedsAndNuls() {
        assertThat(wire(FramedEvent.data("t\nx\0y", "a\r\nid: b", null, "d"))).isEqualTo("event: txy\nid: aid: b\ndata: d\n\n");
    }

    @Test
    void multiByteCharactersAreEncodedAsUtf8() {
        FramedEvent event = FramedEvent.data(null, null, null, "Grüße 🚀");
        assertThat(event.frameBytes()).isEqualTo("data: Grüße 🚀\n\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theGettersShowAnOrdinaryEventToRuntimesThatFrameEventsThemselves() {
        FramedEvent event = FramedEvent.data("ssehub-reconnect", null, 1500L, "too slow");
        assertThat(event.getName()).isEqualTo("ssehub-reconnect");
        assertThat(event.getId()).isNull();
        assertThat(event.isReconnectDelaySet()).isTrue();
        assertThat(event.getReconnectDelay()).isEqualTo(1500L);
        assertThat(event.getData()).isEqualTo("too slow");
        assertThat(event.getType()).isEqualTo(String.class);
        assertThat(FramedEvent.comment("").getData()).isNull();
        assertThat(FramedEvent.comment("").isReconnectDelaySet()).isFalse();
        assertThat(wire(FramedEvent.comment(""))).isEqualTo(": \n\n");
    }

    private static String wire(FramedEvent event) {
        return new String(event.frameBytes(), StandardCharsets.UTF_8);
    }
}
