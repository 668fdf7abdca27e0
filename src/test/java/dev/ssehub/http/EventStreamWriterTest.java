package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.hub.FramedEvent;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

public class EventStreamWriterTest {

    @Test
    void writesFieldsThenOneDataLinePerLine() throws IOException {
        assertThat(written(event("urn:1", "note", 2500L, "a\r\nb\rc\nd", null)))
                .isEqualTo("event: note\nid: urn:1\nretry: 2500\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void emptyDataStillHasADataLineSoBrowsersDispatchIt() throws IOException {
        assertThat(written(event("urn:2", null, null, "", null))).isEqualTo("id: urn:2\ndata: \n\n");
        assertThat(written(event("urn:3", null, null, "x\n", null))).isEqualTo("id: urn:3\ndata: x\ndata: \n\n");
    }

    @Test
    void singleLineFieldsCannotCarryLineBreaks() throws IOException {
        assertThat(written(event("a\r\nid: b", "t\nx", null, "d", null)))
                .isEqualTo("event: tx\nid: aid: b\ndata: d\n\n");
    }

    @Test
    void commentsAreFramedAsCommentLines() throws IOException {
        assertThat(written(event(null, null, null, null, ""))).isEqualTo(": \n\n");
        assertThat(written(event(null, null, null, null, "a\nb"))).isEqualTo(": a\n: b\n\n");
    }

    @Test
    void writesAFramedEventAsItsOwnBytes() throws IOException {
        FramedEvent framed = FramedEvent.data("note", "urn:4", null, "x");
        assertThat(written(framed)).isEqualTo(new String(framed.frameBytes(), StandardCharsets.UTF_8))
                .isEqualTo("event: note\nid: urn:4\ndata: x\n\n");
    }

    @Test
    void tellsTheHubOnceThatTheRuntimeWritesWithIt() throws IOException {
        AtomicInteger told = new AtomicInteger();
        EventStreamWriter writer = new EventStreamWriter(told::incrementAndGet);
        assertThat(told).hasValue(0);
        for (int i = 0; i < 3; i++) {
            writer.writeTo(FramedEvent.comment(""), FramedEvent.class, FramedEvent.class, new Annotation[0],
                    MediaType.SERVER_SENT_EVENTS_TYPE, null, new ByteArrayOutputStream());
        }
        assertThat(told).hasValue(1);
    }

    private static String written(OutboundSseEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the event as the runtime would, through the hub's writer. */
    public static void write(OutboundSseEvent event, OutputStream out) throws IOException {
        new EventStreamWriter(() -> { }).writeTo(event, event.getClass(), event.getClass(), new Annotation[0],
                MediaType.SERVER_SENT_EVENTS_TYPE, null, out);
    }

    /** Written against the interface so the tests need no runtime's builder. */
    static OutboundSseEvent event(String id, String name, Long retry, String data, String comment) {
        return new OutboundSseEvent() {
            public Class<?> getType() {
                return String.class;
            }

            public Type getGenericType() {
                return String.class;
            }

            public MediaType getMediaType() {
                return MediaType.TEXT_PLAIN_TYPE;
            }

            public Object getData() {
                return data;
            }

            public String getId() {
                return id;
            }

            public String getName() {
                return name;
            }

            public String getComment() {
                return comment;
            }

            public long getReconnectDelay() {
                return retry == null ? RECONNECT_NOT_SET : retry;
            }

            public boolean isReconnectDelaySet() {
                return retry != null;
            }
        };
    }
}
