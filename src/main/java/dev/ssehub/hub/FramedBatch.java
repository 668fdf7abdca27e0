package dev.ssehub.hub;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Several framed events written to one subscriber in one go, in order. It passes through the
 * runtime's sink as one event, so only a runtime that writes events with the hub's own writer can
 * be given one (see {@link Hub#hubWriterInUse()}); its getters refuse, so that any other writer fails
 * loudly instead of sending something else.
 */
public final class FramedBatch implements OutboundSseEvent {

    private final List<FramedEvent> events;

    FramedBatch(List<FramedEvent> events) {
        this.events = events;
    }

    /** Writes the events' frames one after the other; the runtime flushes them as one chunk. */
    public void writeTo(OutputStream out) throws IOException {
        for (FramedEvent event : events) {
            out.write(event.frameBytes());
        }
    }

    private static UnsupportedOperationException notOneEvent() {
        return new UnsupportedOperationException("a batch of events is written only by the hub's event writer");
    }

    @Override
    public String getId() {
        throw notOneEvent();
    }

    @Override
    public String getName() {
        throw notOneEvent();
    }

    @Override
    public String getComment() {
        throw notOneEvent();
    }

    @Override
    public long getReconnectDelay() {
        throw notOneEvent();
    }

    @Override
    public boolean isReconnectDelaySet() {
        throw notOneEvent();
    }

    @Override
    public Class<?> getType() {
        throw notOneEvent();
    }

    @Override
    public Type getGenericType() {
        throw notOneEvent();
    }

    @Override
    public MediaType getMediaType() {
        throw notOneEvent();
    }

    @Override
    public Object getData() {
        throw notOneEvent();
    }
}
