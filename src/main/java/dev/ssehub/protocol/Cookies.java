package dev.ssehub.protocol;

import java.util.List;

/** Finds a cookie in {@code Cookie} headers (RFC 6265, section 5.4: {@code name=value} pairs separated by {@code ;}). */
public final class Cookies {

    private Cookies() {
    }

    /** The value of the first cookie with this name, without surrounding quotes, or null. */
    public static String value(List<String> cookieHeaders, String name) {
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    String value = pair.substring(equals + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
            }
        }
        return null;
    }
}
