package dev.ssehub.http;

import dev.ssehub.client.EventStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A framed stream read back by the WHATWG rules, as a browser's EventSource reads it: the events it
 * dispatches, and the name of every field line, to show that nothing inside a value became a field.
 */
record ReadBack(List<Event> events, List<String> fieldNames) {

    /** An event as EventSource dispatches it; {@code retry} is the reconnection time set so far, or null. */
    record Event(String type, String data, String lastEventId, Long retry) {
    }

    static ReadBack of(byte[] stream) {
        List<Event> events = new ArrayList<>();
        Long[] retry = {null};
        try {
            new EventStreamReader(new ByteArrayInputStream(stream), new EventStreamReader.Listener() {
                @Override
                public void onEvent(String lastEventId, String type, String data) {
                    events.add(new Event(type == null ? "message" : type, data, lastEventId, retry[0]));
                }

                @Override
                public void onRetry(long millis) {
                    retry[0] = millis;
                }
            }).readToEnd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReadBack(events, fieldNames(new String(stream, StandardCharsets.UTF_8)));
    }

    private static List<String> fieldNames(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            if (!line.isEmpty() && !line.startsWith(":")) {
                int colon = line.indexOf(':');
                names.add(colon < 0 ? line : line.substring(0, colon));
            }
        }
        return names;
    }
}
