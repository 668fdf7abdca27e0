package dev.ssehub.protocol;

import dev.ssehub.config.Settings;
import java.util.List;

/** The limits every request field is held to, wherever the request arrives. */
public final class RequestChecks {

    private static final int MAX_ID_LENGTH = 1024;

    private RequestChecks() {
    }

    public static void requireShortTopics(List<String> topics) {
        for (String topic : topics) {
            if (topic.length() > Settings.MAX_TOPIC_LENGTH) {
                throw Refusal.badRequest("topic", "a topic must be at most " + Settings.MAX_TOPIC_LENGTH + " characters");
            }
        }
    }

    /** CR, LF or NUL would end the SSE field early and let the value inject fields of its own. */
    public static void requireSingleLine(String field, String value) {
        if (value.length() > MAX_ID_LENGTH) {
            throw Refusal.badRequest(field, field + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw Refusal.badRequest(field, field + " must not contain CR, LF or NUL");
            }
        }
    }
}
