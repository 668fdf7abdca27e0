package dev.ssehub.jaxrs;

import dev.ssehub.stream.WriteBatch;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;

/**
 * Several frames written as one event through {@code SseEventSink.send}: one chunk and one flush
 * for all of them. Only the hub's own writer can write it (see {@link EventStreamWriter}), so its
 * getters refuse: any other writer fails loudly instead of sending something else.
 */
final class FrameBatchEvent implements OutboundSseEvent {

    private final WriteBatch batch;

    FrameBatchEvent(WriteBatch batch) {
        this.batch = batch;
    }

    WriteBatch batch() {
        return batch;
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
