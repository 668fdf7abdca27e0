package dev.ssehub.jaxrs;

import dev.ssehub.stream.Frame;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;

/**
 * A frame as the JAX-RS SSE API sees an event: the hub's writer copies its bytes, and a runtime that
 * frames events itself (RESTEasy) reads its fields.
 */
final class FrameEvent implements OutboundSseEvent {

    private final Frame frame;

    FrameEvent(Frame frame) {
        this.frame = frame;
    }

    Frame frame() {
        return frame;
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public Type getGenericType() {
        return String.class;
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public String getComment() {
        return frame.comment();
    }

    @Override
    public String getId() {
        return frame.id();
    }

    @Override
    public String getName() {
        return frame.type();
    }

    @Override
    public long getReconnectDelay() {
        return frame.retry() == null ? RECONNECT_NOT_SET : frame.retry();
    }

    @Override
    public boolean isReconnectDelaySet() {
        return frame.retry() != null;
    }

    @Override
    public Object getData() {
        return frame.data();
    }
}
