package dev.ssehub.hub;

import dev.ssehub.update.Update;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * Builds the SSE events the hub writes: one per update, shared by every subscriber it goes to.
 * How they are framed on the wire is {@code EventStreamWriter}'s job.
 */
public final class EventFactory {

    private final Sse sse;
    private final OutboundSseEvent heartbeat;

    public EventFactory(Sse sse) {
        this.sse = sse;
        this.heartbeat = sse.newEventBuilder().comment("").build();
    }

    public Sse sse() {
        return sse;
    }

    public OutboundSseEvent update(Update update) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder()
                .id(update.id())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, update.data());
        if (update.type() != null) {
            builder.name(update.type());
        }
        if (update.retry() != null) {
            builder.reconnectDelay(update.retry());
        }
        return builder.build();
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
        return sse.newEventBuilder()
                .name("ssehub-reconnect")
                .reconnectDelay(retryMillis)
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, reason)
                .build();
    }
}
