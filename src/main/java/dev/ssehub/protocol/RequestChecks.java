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

    /** True when the {@code Accept} headers admit {@code text/event-stream}; no header admits anything. */
    public static boolean acceptsEventStream(List<String> acceptHeaders) {
        if (acceptHeaders.isEmpty()) {
            return true;
        }
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                int parameters = range.indexOf(';');
                String type = (parameters < 0 ? range : range.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
                if ((type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*")) && !refused(range, parameters)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A range with {@code q=0} is one the client will not take. */
    private static boolean refused(String range, int parameters) {
        if (parameters < 0) {
            return false;
        }
        for (String parameter : range.substring(parameters + 1).split(";")) {
            String[] nameAndValue = parameter.trim().split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(nameAndValue[1].trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
