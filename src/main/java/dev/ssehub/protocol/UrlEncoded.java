package dev.ssehub.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text, a query string or a form body, as browsers
 * write it ({@code %XX} escapes of UTF-8, {@code +} for a space): one decoder for every runtime, so
 * that a request means the same on each and a malformed one is refused the same way.
 */
public final class UrlEncoded {

    private UrlEncoded() {
    }

    /**
     * @param raw   the query without its {@code ?}, or the form body; null for none
     * @param field what to name when a malformed escape is refused
     * @throws Refusal for a malformed escape
     */
    public static Map<String, List<String>> decode(String raw, String field) {
        Map<String, List<String>> parameters = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        try {
            int start = 0;
            while (start <= raw.length()) {
                int end = raw.indexOf('&', start);
                if (end < 0) {
                    end = raw.length();
                }
                if (end > start) {
                    int equals = raw.indexOf('=', start);
                    boolean hasValue = equals >= 0 && equals < end;
                    String name = URLDecoder.decode(raw.substring(start, hasValue ? equals : end), StandardCharsets.UTF_8);
                    String value = hasValue ? URLDecoder.decode(raw.substring(equals + 1, end), StandardCharsets.UTF_8) : "";
                    parameters.computeIfAbsent(name, ignored -> new ArrayList<>(1)).add(value);
                }
                start = end + 1;
            }
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(field, "the " + field + " holds a malformed percent escape");
        }
        return parameters;
    }
}
