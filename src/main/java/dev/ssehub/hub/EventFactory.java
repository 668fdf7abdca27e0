package dev.ssehub.hub;

import dev.ssehub.update.Update;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * Builds the SSE events the hub writes: one per update, shared by every subscriber it goes to,
 * framed once ({@link FramedEvent}) so that writing it to each socket is a copy.
 */
public final class EventFactory {

    private final Sse sse;
    private final OutboundSseEvent heartbeat;

    public EventFactory(Sse sse) {
        this.sse = sse;
        this.heartbeat = FramedEvent.comment("");
    }

    public Sse sse() {
        return sse;
    }

    public OutboundSseEvent update(Update update) {
        return FramedEvent.data(update.type(), update.id(), update.retry(), update.data());
    }

    /** The keep-alive comment; also the first write, which sends the response headers at once. */
    public OutboundSseEvent heartbeat() {
        return heartbeat;
    }

    /**
     * A hub notice that tells the client when to come back before the hub closes its stream. It is a
     * typed event without id, so browsers do not dispatch it to {@code onmessage} and their
     * {@code Last-Event-ID} stays on the last real update.
     */
    public OutboundSseEvent reconnectNotice(String reason, long retryMillis) {
        return FramedEvent.data("ssehub-reconnect", null, retryMillis, reason);
    }
}
