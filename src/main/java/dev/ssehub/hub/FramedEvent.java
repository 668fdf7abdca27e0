package dev.ssehub.hub;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * An event that carries its own wire form, encoded once when it is built. One update goes to
 * thousands of sockets; framing and encoding it per socket cost more than writing it. A runtime
 * that frames events itself still sees an ordinary event through the getters.
 *
 * <p>Every line break in data ({@code \r\n}, {@code \r}, {@code \n}) starts a new {@code data:}
 * line, an event with data always has one (even for empty data, so browsers dispatch it), CR, LF
 * and NUL never reach the single-line fields, and the event ends with its own blank line.
 */
public final class FramedEvent implements OutboundSseEvent {

    private final String id;
    private final String name;
    private final String comment;
    private final String data;
    private final long reconnectDelay;
    private final byte[] frame;

    private FramedEvent(String id, String name, String comment, String data, long reconnectDelay) {
        this.id = id;
        this.name = name;
        this.comment = comment;
        this.data = data;
        this.reconnectDelay = reconnectDelay;
        this.frame = frame().getBytes(StandardCharsets.UTF_8);
    }

    /** An event with data; {@code name}, {@code id} and {@code retryMillis} may be null. */
    public static FramedEvent data(String name, String id, Long retryMillis, String data) {
        return new FramedEvent(id, name, null, data == null ? "" : data, retryMillis == null ? RECONNECT_NOT_SET : retryMillis);
    }

    public static FramedEvent comment(String comment) {
        return new FramedEvent(null, null, comment, null, RECONNECT_NOT_SET);
    }

    /** Any event, framed by the same rules: for events some other code built. */
    public static FramedEvent of(OutboundSseEvent event) {
        if (event instanceof FramedEvent framed) {
            return framed;
        }
        return new FramedEvent(event.getId(), event.getName(), event.getComment(),
                event.getData() == null ? null : event.getData().toString(), event.getReconnectDelay());
    }

    /** The event on the wire, UTF-8; shared, so callers must not change it. */
    public byte[] frameBytes() {
        return frame;
    }

    private String frame() {
        StringBuilder text = new StringBuilder(64 + (data == null ? 0 : data.length()));
        if (comment != null) {
            lines(text, ":", comment);
        }
        if (data != null) {
            field(text, "event", name);
            field(text, "id", id);
            if (isReconnectDelaySet()) {
                text.append("retry: ").append(reconnectDelay).append('\n');
            }
            lines(text, "data:", data);
        }
        return text.append('\n').toString();
    }

    private static void field(StringBuilder text, String field, String value) {
        if (value == null) {
            return;
        }
        text.append(field).append(": ");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\r' && c != '\n' && c != '\0') {
                text.append(c);
            }
        }
        text.append('\n');
    }

    /** One prefixed line per line of the value, whatever its line breaks. */
    private static void lines(StringBuilder text, String prefix, String value) {
        text.append(prefix).append(' ');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
                text.append('\n').append(prefix).append(' ');
            } else {
                text.append(c);
            }
        }
        text.append('\n');
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
        return comment;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getReconnectDelay() {
        return reconnectDelay;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return reconnectDelay != RECONNECT_NOT_SET;
    }

    @Override
    public Object getData() {
        return data;
    }
}
