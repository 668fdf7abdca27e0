package dev.ssehub.hub;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;

/**
 * One event as a group broadcast it: numbered in the group's order and linked to the group's next
 * broadcast. The broadcaster hands each member one event at a time; a member that is behind follows
 * the links and writes all it has not written yet at once, so a busy hub makes fewer, larger writes
 * instead of falling further behind. Only the newest broadcast is held by its group: older ones
 * live as long as some member's queue still holds them.
 */
final class Broadcast implements OutboundSseEvent {

    private final long sequence;
    private final FramedEvent event;
    private volatile Broadcast next;

    Broadcast(long sequence, FramedEvent event) {
        this.sequence = sequence;
        this.event = event;
    }

    long sequence() {
        return sequence;
    }

    FramedEvent event() {
        return event;
    }

    /** The group's next broadcast, or null while there is none yet. */
    Broadcast next() {
        return next;
    }

    /** Set once, on the dispatcher, when the group broadcasts the next event. */
    void link(Broadcast following) {
        next = following;
    }

    int size() {
        return event.frameBytes().length;
    }

    @Override
    public String getId() {
        return event.getId();
    }

    @Override
    public String getName() {
        return event.getName();
    }

    @Override
    public String getComment() {
        return event.getComment();
    }

    @Override
    public long getReconnectDelay() {
        return event.getReconnectDelay();
    }

    @Override
    public boolean isReconnectDelaySet() {
        return event.isReconnectDelaySet();
    }

    @Override
    public Class<?> getType() {
        return event.getType();
    }

    @Override
    public Type getGenericType() {
        return event.getGenericType();
    }

    @Override
    public MediaType getMediaType() {
        return event.getMediaType();
    }

    @Override
    public Object getData() {
        return event.getData();
    }
}
