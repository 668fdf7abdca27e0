package dev.ssehub.hub;

import dev.ssehub.update.Update;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.regex.Pattern;

/**
 * Builds the SSE events the hub writes. Framing is injection-proof: every line break in data
 * ({@code \r\n}, {@code \r} or {@code \n}) becomes its own {@code data:} line, so a payload can never
 * start a field of its own; ids and types with line breaks are refused before they get here.
 */
public final class EventFactory {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r");

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
                .data(String.class, normalizeLineBreaks(update.data()));
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

    static String normalizeLineBreaks(String data) {
        return data.indexOf('\r') < 0 ? data : LINE_BREAK.matcher(data).replaceAll("\n");
    }
}
