package dev.ssehub.stream;

import dev.ssehub.update.Update;
import java.nio.charset.StandardCharsets;

/**
 * One event as it goes on the wire, framed and encoded once and then shared by every stream it is
 * written to: framing and encoding an update per socket would cost more than writing it.
 *
 * <p>Every line break in data ({@code \r\n}, {@code \r}, {@code \n}) starts a new {@code data:}
 * line, an event with data always has one (even for empty data, so browsers dispatch it), CR, LF and
 * NUL never reach the single-line fields, and the event ends with its own blank line. The fields are
 * kept too, for runtimes that frame events themselves.
 */
public final class Frame {

    private final String id;
    private final String type;
    private final String comment;
    private final String data;
    private final Long retry;
    private final byte[] bytes;

    private Frame(String id, String type, String comment, String data, Long retry) {
        this.id = id;
        this.type = type;
        this.comment = comment;
        this.data = data;
        this.retry = retry;
        this.bytes = text().getBytes(StandardCharsets.UTF_8);
    }

    /** The event for an update. */
    public static Frame of(Update update) {
        return data(update.type(), update.id(), update.retry(), update.data());
    }

    /** An event with data; {@code type}, {@code id} and {@code retryMillis} may be null. */
    public static Frame data(String type, String id, Long retryMillis, String data) {
        return new Frame(id, type, null, data == null ? "" : data, retryMillis);
    }

    /** A comment: nothing a client dispatches, but bytes on the wire. */
    public static Frame comment(String comment) {
        return new Frame(null, null, comment, null, null);
    }

    /** The event on the wire, UTF-8; shared, so callers must not change it. */
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** The id, or null. */
    public String id() {
        return id;
    }

    /** The event type, or null for the default {@code message}. */
    public String type() {
        return type;
    }

    /** The comment, or null for an event with data. */
    public String comment() {
        return comment;
    }

    /** The data, or null for a comment. */
    public String data() {
        return data;
    }

    /** The reconnection time in milliseconds, or null. */
    public Long retry() {
        return retry;
    }

    private String text() {
        StringBuilder text = new StringBuilder(64 + (data == null ? 0 : data.length()));
        if (comment != null) {
            lines(text, ":", comment);
        }
        if (data != null) {
            field(text, "event", type);
            field(text, "id", id);
            if (retry != null) {
                text.append("retry: ").append(retry).append('\n');
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
}
