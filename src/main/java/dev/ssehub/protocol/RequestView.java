package dev.ssehub.protocol;

import java.util.List;

/** What the hub reads of a request, whichever runtime received it. */
public interface RequestView {

    /** Every value of the header, in order; empty when it is absent. Names are case-insensitive. */
    List<String> headers(String name);

    /** The first value of the header, or null. */
    default String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The decoded values of the query parameter, in order; empty when it is absent. */
    List<String> queryParameters(String name);

    /** The value of the cookie, or null. */
    String cookie(String name);

    /** The origin ({@code scheme://host[:port]}) the request was addressed to: the hub's own. */
    String ownOrigin();
}
