package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

class EventStreamWriterTest {

    @Test
    void writesFieldsThenOneDataLinePerLine() {
        assertThat(EventStreamWriter.frame(event("urn:1", "note", 2500L, "a\r\nb\rc\nd", null)))
                .isEqualTo("event: note\nid: urn:1\nretry: 2500\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void emptyDataStillHasADataLineSoBrowsersDispatchIt() {
        assertThat(EventStreamWriter.frame(event("urn:2", null, null, "", null))).isEqualTo("id: urn:2\ndata: \n\n");
        assertThat(EventStreamWriter.frame(event("urn:3", null, null, "x\n", null))).isEqualTo("id: urn:3\ndata: x\ndata: \n\n");
    }

    @Test
    void singleLineFieldsCannotCarryLineBreaks() {
        assertThat(EventStreamWriter.frame(event("a\r\nid: b", "t\nx", null, "d", null)))
                .isEqualTo("event: tx\nid: aid: b\ndata: d\n\n");
    }

    @Test
    void commentsAreFramedAsCommentLines() {
        assertThat(EventStreamWriter.frame(event(null, null, null, null, ""))).isEqualTo(": \n\n");
        assertThat(EventStreamWriter.frame(event(null, null, null, null, "a\nb"))).isEqualTo(": a\n: b\n\n");
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
