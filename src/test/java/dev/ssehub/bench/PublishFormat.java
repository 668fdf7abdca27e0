package dev.ssehub.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How an update is published to a target, and where the answer names the event id the target gave
 * it: a Mercure hub takes a form and answers with the id alone; Nchan takes the data as the raw
 * request body and answers with a few lines about the channel, one of them its last message id.
 */
enum PublishFormat {

    FORM("application/x-www-form-urlencoded") {
        @Override
        String body(String topic, String id, String data) {
            return "topic=" + encode(topic) + (id == null ? "" : "&id=" + encode(id)) + "&data=" + encode(data);
        }

        @Override
        String eventId(String responseBody) {
            String id = responseBody.strip();
            return id.isEmpty() ? null : id;
        }
    },

    RAW("text/plain") {
        private static final String LAST_MESSAGE_ID = "last message id:";

        @Override
        String body(String topic, String id, String data) {
            return data;
        }

        @Override
        String eventId(String responseBody) {
            for (String line : responseBody.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith(LAST_MESSAGE_ID)) {
                    String id = trimmed.substring(LAST_MESSAGE_ID.length()).strip();
                    return id.isEmpty() ? null : id;
                }
            }
            return null;
        }
    };

    private final String contentType;

    PublishFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /**
     * The request body publishing {@code data} on {@code topic}; {@code id} is ours, where the target
     * lets us choose it, or null to leave the choice to the target.
     */
    abstract String body(String topic, String id, String data);

    /** The event id the target gave the update it just accepted, from its answer; null when the answer names none. */
    abstract String eventId(String responseBody);

    static PublishFormat named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
