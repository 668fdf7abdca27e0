package dev.ssehub.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.stream.Frame;
import dev.ssehub.stream.WriteBatch;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventStreamWriterTest {

    private static final Frame NOTE = Frame.data("note", "urn:4", null, "x");
    private static final Frame COMMENT = Frame.comment("");

    @Test
    void writesAFrameAsItsOwnBytes() throws IOException {
        assertThat(written(new EventStreamWriter(() -> { }), new FrameEvent(NOTE))).isEqualTo("event: note\nid: urn:4\ndata: x\n\n");
    }

    @Test
    void writesABatchAsItsFramesOneAfterTheOther() throws IOException {
        WriteBatch batch = new WriteBatch(new Frame[] {COMMENT, NOTE, null}, 2, COMMENT.size() + NOTE.size());
        assertThat(written(new EventStreamWriter(() -> { }), new FrameBatchEvent(batch))).isEqualTo(": \n\nevent: note\nid: urn:4\ndata: x\n\n");
    }

    @Test
    void takesOnlyTheHubsOwnEventsSoOtherEventsKeepTheRuntimesWriter() {
        EventStreamWriter writer = new EventStreamWriter(() -> { });
        assertThat(writer.isWriteable(FrameEvent.class, FrameEvent.class, new Annotation[0], MediaType.SERVER_SENT_EVENTS_TYPE)).isTrue();
        assertThat(writer.isWriteable(FrameBatchEvent.class, FrameBatchEvent.class, new Annotation[0], MediaType.SERVER_SENT_EVENTS_TYPE)).isTrue();
        assertThat(writer.isWriteable(OutboundSseEvent.class, OutboundSseEvent.class, new Annotation[0], MediaType.SERVER_SENT_EVENTS_TYPE)).isFalse();
    }

    @Test
    void tellsOnceThatTheRuntimeWritesWithIt() throws IOException {
        AtomicInteger told = new AtomicInteger();
        EventStreamWriter writer = new EventStreamWriter(told::incrementAndGet);
        assertThat(told).hasValue(0);
        for (int i = 0; i < 3; i++) {
            written(writer, new FrameEvent(COMMENT));
        }
        assertThat(told).hasValue(1);
    }

    @Test
    void aFrameShowsItsFieldsToARuntimeThatFramesEventsItself() {
        FrameEvent event = new FrameEvent(Frame.data("ssehub-reconnect", null, 1500L, "too slow"));
        assertThat(event.getName()).isEqualTo("ssehub-reconnect");
        assertThat(event.getId()).isNull();
        assertThat(event.isReconnectDelaySet()).isTrue();
        assertThat(event.getReconnectDelay()).isEqualTo(1500L);
        assertThat(event.getData()).isEqualTo("too slow");
        assertThat(new FrameEvent(COMMENT).getComment()).isEmpty();
        assertThat(new FrameEvent(COMMENT).isReconnectDelaySet()).isFalse();
    }

    private static String written(EventStreamWriter writer, OutboundSseEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(event, event.getClass(), event.getClass(), new Annotation[0], MediaType.SERVER_SENT_EVENTS_TYPE, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
