package dev.ssehub.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a raw query string as JAX-RS runtimes and browsers' forms do ({@code application/x-www-form-urlencoded}:
 * {@code %XX} escapes of UTF-8, {@code +} for a space), so a native adapter reads the same parameters
 * the JAX-RS resource would.
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * @param raw the query without its {@code ?}, or null
     * @throws Refusal for a malformed escape
     */
    public static Map<String, List<String>> parse(String raw) {
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
            throw Refusal.badRequest("uri", "the query string holds a malformed percent escape");
        }
        return parameters;
    }
}
