package dev.ssehub.jaxrs;

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

/**
 * Writes the hub's events on the wire: a copy of bytes framed once and shared by every socket. A
 * runtime that writes events with an application's writer (Jersey does) uses this one; RESTEasy
 * frames events with its own provider and never calls it.
 *
 * <p>It does not flush: Jersey writes its chunk delimiter after each event and flushes then, so one
 * event is one write to the socket rather than two. That delimiter only adds an empty line after
 * the event's own blank line, which the SSE format ignores.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public final class EventStreamWriter implements MessageBodyWriter<OutboundSseEvent> {

    private final Runnable firstUse;
    private volatile boolean used;

    /** {@code firstUse} runs when the runtime first writes an event with this writer. */
    public EventStreamWriter(Runnable firstUse) {
        this.firstUse = firstUse;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == FrameEvent.class || type == FrameBatchEvent.class;
    }

    @Override
    public void writeTo(OutboundSseEvent event, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        if (!used) {
            used = true;
            firstUse.run();
        }
        if (event instanceof FrameBatchEvent batch) {
            out.write(batch.batch().toBytes());
        } else {
            out.write(((FrameEvent) event).frame().bytes());
        }
    }

    @Override
    public long getSize(OutboundSseEvent event, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return -1;
    }
}
