package dev.ssehub.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads an event stream as the WHATWG HTML standard's "interpreting an event stream" says a browser
 * does: lines end at CR, LF or CRLF; one space after a field's colon is dropped and every other
 * character kept; {@code data} lines join with LF; an event is dispatched at a blank line when it
 * has data; the last event id carries over from event to event; an event the stream ends in the
 * middle of is discarded. JAX-RS runtimes' own {@code SseEventSource} do not all follow these rules
 * (Jersey's strips every leading space of a data line), so the hub's client reads with this one.
 */
public final class EventStreamReader {

    /** What the stream carries, in order. Called on the reading thread. */
    public interface Listener {

        /**
         * @param lastEventId the last event id set so far, empty when none was
         * @param type        the event type, or null for the default {@code message}
         * @param data        the data lines joined by LF
         */
        void onEvent(String lastEventId, String type, String data);

        /** A comment line, without its colon: the hub's heartbeats and opening comment. */
        default void onComment(String comment) {
        }

        /** A {@code retry} field: the reconnection time the server asks for. */
        default void onRetry(long millis) {
        }
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final Listener listener;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    private String lastEventId = "";
    private boolean afterCarriageReturn;
    private boolean atStart = true;

    /** Decodes the bytes as UTF-8, replacing malformed sequences, as the standard says. */
    public EventStreamReader(InputStream in, Listener listener) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.listener = listener;
    }

    /** Reads until the stream ends; returns normally at its end, throws if reading fails. */
    public void readToEnd() throws IOException {
        int read;
        while ((read = in.read(buffer)) >= 0) {
            consume(read);
        }
    }

    private void consume(int length) {
        int start = 0;
        if (atStart && length > 0) {
            atStart = false;
            if (buffer[0] == BYTE_ORDER_MARK) {
                start = 1;
            }
        }
        for (int i = start; i < length; i++) {
            char c = buffer[i];
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = c == '\r';
            if (c == '\r' || c == '\n') {
                processLine(line);
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    private void processLine(CharSequence text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = indexOf(text, ':');
        if (colon == 0) {
            listener.onComment(text.subSequence(1, text.length()).toString());
            return;
        }
        String field = colon < 0 ? text.toString() : text.subSequence(0, colon).toString();
        int valueStart = colon < 0 ? text.length() : colon + 1;
        if (valueStart < text.length() && text.charAt(valueStart) == ' ') {
            valueStart++;
        }
        String value = text.subSequence(valueStart, text.length()).toString();
        switch (field) {
            case "event" -> type = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> retry(value);
            default -> {
                // The standard ignores fields it does not know.
            }
        }
    }

    private void dispatch() {
        if (data.isEmpty()) {
            type = "";
            return;
        }
        data.setLength(data.length() - 1);
        String eventType = type.isEmpty() ? null : type;
        String eventData = data.toString();
        data.setLength(0);
        type = "";
        listener.onEvent(lastEventId, eventType, eventData);
    }

    private static int indexOf(CharSequence text, char wanted) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Only ASCII digits set the reconnection time, as the standard says; a number past a long's range is ignored too. */
    private void retry(String value) {
        if (value.isEmpty()) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return;
            }
        }
        try {
            listener.onRetry(Long.parseLong(value));
        } catch (NumberFormatException tooLarge) {
            // Ignored like any other value the reader cannot use.
        }
    }
}
