package dev.ssehub.http;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Frames the hub's events on the wire, the same on every runtime. Runtimes differ in ways that
 * matter here: Jersey writes no {@code data:} line for empty data (so browsers never dispatch the
 * event) and older writers split data on {@code \n} only. Here every line break in data starts a
 * new {@code data:} line, an event with data always has one, and CR, LF and NUL never reach the
 * single-line fields. Each event ends with its own blank line; a runtime that adds a delimiter of
 * its own only adds an empty line, which the SSE format ignores.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public final class EventStreamWriter implements MessageBodyWriter<OutboundSseEvent> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return OutboundSseEvent.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(OutboundSseEvent event, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(frame(event).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String frame(OutboundSseEvent event) {
        StringBuilder frame = new StringBuilder(64);
        if (event.getComment() != null) {
            lines(frame, ":", event.getComment());
        }
        if (event.getData() != null) {
            field(frame, "event", event.getName());
            field(frame, "id", event.getId());
            if (event.isReconnectDelaySet()) {
                frame.append("retry: ").append(event.getReconnectDelay()).append('\n');
            }
            lines(frame, "data:", event.getData().toString());
        }
        return frame.append('\n').toString();
    }

    private static void field(StringBuilder frame, String name, String value) {
        if (value == null) {
            return;
        }
        frame.append(name).append(": ");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\r' && c != '\n' && c != '\0') {
                frame.append(c);
            }
        }
        frame.append('\n');
    }

    /** Writes the text as one prefixed line per line of text, whatever its line breaks. */
    private static void lines(StringBuilder frame, String prefix, String text) {
        frame.append(prefix).append(' ');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                frame.append('\n').append(prefix).append(' ');
            } else {
                frame.append(c);
            }
        }
        frame.append('\n');
    }

    @Override
    public long getSize(OutboundSseEvent event, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return -1;
    }
}
