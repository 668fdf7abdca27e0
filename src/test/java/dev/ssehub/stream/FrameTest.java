package dev.ssehub.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.update.Update;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void anUpdateIsFramedOnceWithEveryField() {
        Frame frame = Frame.of(new Update("urn:1", List.of("t"), "a\r\nb\rc\nd", false, "note", 2500L));
        assertThat(wire(frame)).isEqualTo("event: note\nid: urn:1\nretry: 2500\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
        assertThat(frame.bytes()).as("the same bytes for every socket").isSameAs(frame.bytes());
        assertThat(frame.size()).isEqualTo(frame.bytes().length);
    }

    @Test
    void emptyOrMissingDataStillHasADataLineSoBrowsersDispatchIt() {
        assertThat(wire(Frame.data(null, "urn:2", null, ""))).isEqualTo("id: urn:2\ndata: \n\n");
        assertThat(wire(Frame.data(null, "urn:3", null, null))).isEqualTo("id: urn:3\ndata: \n\n");
        assertThat(wire(Frame.data(null, "urn:4", null, "x\n"))).isEqualTo("id: urn:4\ndata: x\ndata: \n\n");
    }

    @Test
    void singleLineFieldsLoseCarriageReturnsLineFeedsAndNuls() {
        assertThat(wire(Frame.data("t\nx\0y", "a\r\nid: b", null, "d"))).isEqualTo("event: txy\nid: aid: b\ndata: d\n\n");
    }

    @Test
    void multiByteCharactersAreEncodedAsUtf8() {
        assertThat(Frame.data(null, null, null, "Grüße 🚀").bytes()).isEqualTo("data: Grüße 🚀\n\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commentsAreCommentLinesAndCarryNoFields() {
        assertThat(wire(Frame.comment(""))).isEqualTo(": \n\n");
        assertThat(wire(Frame.comment("a\nb"))).isEqualTo(": a\n: b\n\n");
        assertThat(Frame.comment("").data()).isNull();
        assertThat(Frame.comment("").retry()).isNull();
    }

    @Test
    void theFieldsAreKeptForRuntimesThatFrameEventsThemselves() {
        Frame notice = Frame.data("ssehub-reconnect", null, 1500L, "too slow");
        assertThat(notice.type()).isEqualTo("ssehub-reconnect");
        assertThat(notice.id()).isNull();
        assertThat(notice.retry()).isEqualTo(1500L);
        assertThat(notice.data()).isEqualTo("too slow");
        assertThat(notice.comment()).isNull();
    }

    private static String wire(Frame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }
}
