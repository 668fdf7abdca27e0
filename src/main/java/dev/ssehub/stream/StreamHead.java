package dev.ssehub.stream;

import java.util.Map;

/**
 * The response headers of an accepted event stream, in order, as the hub decided them; its status
 * is 200. The adapter writes them before the first bytes of the stream.
 */
public record StreamHead(Map<String, String> headers) {

    public StreamHead {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
