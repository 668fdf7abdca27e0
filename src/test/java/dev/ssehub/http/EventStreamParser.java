package dev.ssehub.http;

import dev.ssehub.testing.FieldLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-stream parser written from the WHATWG HTML standard's "interpreting an event stream"
 * rules, as a browser's EventSource applies them: the reference the hub's framing is checked against.
 */
final class EventStreamParser {

    /** An event as EventSource dispatches it; {@code retry} is the reconnection time set so far, or null. */
    record Event(String type, String data, String lastEventId, Long retry) {
    }

    /** What a stream carried: the dispatched events and the name of every field line, in order. */
    record Parsed(List<Event> events, List<String> fieldNames) {
    }

    private EventStreamParser() {
    }

    static Parsed parse(byte[] stream) {
        String text = new String(stream, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Event> events = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        String type = "";
        String lastEventId = "";
        Long retry = null;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                continue;
            }
            String line = text.substring(start, i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            start = i + 1;
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(type.isEmpty() ? "message" : type, data.substring(0, data.length() - 1), lastEventId, retry));
                }
                data.setLength(0);
                type = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            FieldLine split = FieldLine.of(line);
            String field = split.field();
            String value = split.value();
            fieldNames.add(field);
            switch (field) {
                case "event" -> type = value;
                case "data" -> data.append(value).append('\n');
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(digit -> digit >= '0' && digit <= '9')) {
                        retry = Long.parseLong(value);
                    }
                }
                default -> { }
            }
        }
        // The standard discards an event that the stream ends in the middle of.
        return new Parsed(events, fieldNames);
    }
}
