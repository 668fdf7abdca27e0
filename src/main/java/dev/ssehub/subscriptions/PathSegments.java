package dev.ssehub.subscriptions;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one URL path segment (RFC 3986), as RFC 6570 expands a simple variable:
 * every character but the unreserved ones is encoded, so a selector or an IRI fits in a segment.
 */
public final class PathSegments {

    private PathSegments() {
    }

    public static String encode(String value) {
        // URLEncoder encodes for forms: undo its space as '+', and its exceptions to RFC 3986.
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** @throws IllegalArgumentException when the segment holds a malformed escape */
    public static String decode(String segment) {
        // In a path, '+' is itself; URLDecoder would read it as a form's space.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
